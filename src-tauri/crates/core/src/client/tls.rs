//! The client's TLS: rustls with ring (the provider Tauri's updater and the simulated org link
//! too), verified by the platform verifier. On macOS and Windows that is the OS's own verifier; on
//! Linux the OS trust store, which SSL_CERT_FILE / SSL_CERT_DIR replace, as for curl. The bundled
//! Mozilla roots and the run's extra CA (`--ca-cert`) are trusted beside it, so company roots
//! installed by IT, a machine without a CA bundle and the simulated org's CA all work.

use super::error::BuildError;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::sync::Arc;

/// The rustls config the client is built with. `extra_ca_pem`: one or more PEM certificates to
/// trust as roots; a file with none, or a broken one, is refused.
pub(super) fn client_config(
    extra_ca_pem: Option<&[u8]>,
) -> Result<rustls::ClientConfig, BuildError> {
    let mut roots: Vec<CertificateDer<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS.to_vec();
    if let Some(pem) = extra_ca_pem {
        let extra = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| BuildError::BadCaCert(format!(": {e}")))?;
        if extra.is_empty() {
            return Err(BuildError::BadCaCert(String::new()));
        }
        roots.extend(extra);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    // A root rustls cannot read (only the extra CA can be one) fails here.
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider.clone())
            .map_err(|e| BuildError::BadCaCert(format!(": {e}")))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::Setup(e.to_string()))?
        .dangerous() // not dangerous: the platform verifier is the verifier rustls documents for this
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // reqwest leaves a preconfigured config's ALPN alone: offer HTTP/2 as its own config would.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn offers_http2_then_http1() {
        let config = client_config(None).unwrap();
        assert_eq!(
            config.alpn_protocols,
            [b"h2".to_vec(), b"http/1.1".to_vec()]
        );
    }

    #[test]
    fn a_pem_without_a_certificate_is_refused() {
        let key_only = b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert!(matches!(
            client_config(Some(key_only)),
            Err(BuildError::BadCaCert(reason)) if reason.is_empty()
        ));
    }

    #[test]
    fn a_certificate_that_is_not_one_is_refused() {
        let garbage = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(matches!(
            client_config(Some(garbage)),
            Err(BuildError::BadCaCert(reason)) if !reason.is_empty()
        ));
    }
}
