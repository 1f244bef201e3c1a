//! A network in miniature for benchmarks: a loopback TCP relay that makes every connection pay
//! a round trip to open (the TCP handshake) and delays every chunk by half a round trip in each
//! direction, so time through it counts round trips. Chunks are delayed, not throttled: many in
//! flight at once each arrive half a round trip after they were sent.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// A relay bound on 127.0.0.1; it forwards once [`LatencyRelay::start`] names the target, and
/// stops when dropped.
pub struct LatencyRelay {
    rtt: Duration,
    addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    listener: Option<TcpListener>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl LatencyRelay {
    /// Binds any free port, so its address can be given to the org before it starts.
    pub async fn bind(rtt: Duration) -> std::io::Result<LatencyRelay> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        Ok(LatencyRelay {
            rtt,
            addr,
            accepted: Arc::new(AtomicUsize::new(0)),
            listener: Some(listener),
            task: None,
        })
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many connections clients have opened through it so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// The same count, to read from elsewhere (a progress callback).
    pub fn connection_counter(&self) -> Arc<AtomicUsize> {
        self.accepted.clone()
    }

    /// Forwards every connection to `target` (calling it again does nothing).
    pub fn start(&mut self, target: SocketAddr) {
        let Some(listener) = self.listener.take() else {
            return;
        };
        let rtt = self.rtt;
        let accepted = self.accepted.clone();
        self.task = Some(tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(relay(client, target, rtt));
            }
        }));
    }
}

impl Drop for LatencyRelay {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

async fn relay(client: TcpStream, target: SocketAddr, rtt: Duration) {
    // The handshake: nothing the client sends gets through before one round trip.
    tokio::time::sleep(rtt).await;
    let Ok(server) = TcpStream::connect(target).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let half = rtt / 2;
    tokio::join!(
        delayed(client_read, server_write, half),
        delayed(server_read, client_write, half)
    );
}

/// Copies `from` to `to`, each chunk `delay` after it was read.
async fn delayed(
    mut from: impl AsyncRead + Unpin,
    mut to: impl AsyncWrite + Unpin + Send + 'static,
    delay: Duration,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((due, chunk)) = rx.recv().await {
            tokio::time::sleep_until(due).await;
            if to.write_all(&chunk).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if tx
                    .send((Instant::now() + delay, buf[..n].to_vec()))
                    .is_err()
                {
                    break;
                }
            }
        }
    }
    drop(tx);
    let _ = writer.await;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// What it carries arrives whole and in order, both ways, and a close gets through. (How
    /// long it takes is for `make bench`, not a test.)
    #[tokio::test]
    async fn carries_every_byte_in_order_both_ways() {
        let echo = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let target = echo.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut s, _) = echo.accept().await.unwrap();
            let mut all = Vec::new();
            s.read_to_end(&mut all).await.unwrap();
            s.write_all(&all).await.unwrap();
        });
        let mut relay = LatencyRelay::bind(Duration::from_millis(2)).await.unwrap();
        relay.start(target);
        let sent: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut s = TcpStream::connect(relay.addr).await.unwrap();
        for chunk in sent.chunks(7_919) {
            s.write_all(chunk).await.unwrap();
        }
        s.shutdown().await.unwrap();
        let mut back = Vec::new();
        s.read_to_end(&mut back).await.unwrap();
        assert_eq!(back.len(), sent.len());
        assert!(back == sent, "the bytes came back changed or out of order");
    }
}
