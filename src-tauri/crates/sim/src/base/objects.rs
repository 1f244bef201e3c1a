//! The sObjects the org offers and their describe metadata.

use serde_json::{json, Value};

use crate::base::scenario::Scenario;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Id,
    Boolean,
    String,
    TextArea,
    Picklist,
    Reference,
    DateTime,
    Date,
    Currency,
    Int,
    Percent,
    Phone,
    Url,
    Email,
}

impl Kind {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Id => ("id", "tns:ID"),
            Kind::Boolean => ("boolean", "xsd:boolean"),
            Kind::String => ("string", "xsd:string"),
            Kind::TextArea => ("textarea", "xsd:string"),
            Kind::Picklist => ("picklist", "xsd:string"),
            Kind::Reference => ("reference", "tns:ID"),
            Kind::DateTime => ("datetime", "xsd:dateTime"),
            Kind::Date => ("date", "xsd:date"),
            Kind::Currency => ("currency", "xsd:double"),
            Kind::Int => ("int", "xsd:int"),
            Kind::Percent => ("percent", "xsd:double"),
            Kind::Phone => ("phone", "xsd:string"),
            Kind::Url => ("url", "xsd:string"),
            Kind::Email => ("email", "xsd:string"),
        }
    }

    fn default_length(self) -> u32 {
        match self {
            Kind::Id | Kind::Reference => 18,
            Kind::TextArea => 32_000,
            Kind::Phone => 40,
            Kind::Email => 80,
            Kind::String | Kind::Picklist | Kind::Url => 255,
            _ => 0,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(
            self,
            Kind::String
                | Kind::TextArea
                | Kind::Picklist
                | Kind::Phone
                | Kind::Url
                | Kind::Email
                | Kind::Id
                | Kind::Reference
        )
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub createable: bool,
    pub nillable: bool,
    pub defaulted: bool,
    pub custom: bool,
    pub length: u32,
    pub picklist: &'static [&'static str],
    /// Index into `picklist` of the default value, if any.
    pub picklist_default: Option<usize>,
    pub restricted: bool,
    pub reference_to: &'static [&'static str],
    /// Numbers: total and fractional digits (currency defaults to 18, 2).
    pub precision: u32,
    pub scale: u32,
    /// Set by the org on create (`autoNumber` in describe); never createable.
    pub auto_number: bool,
    /// Long help text, as large orgs' custom fields carry.
    pub help: Option<String>,
}

impl Field {
    /// An optional, createable field.
    const fn opt(name: &'static str, label: &'static str, kind: Kind) -> Field {
        Field {
            name,
            label,
            kind,
            createable: true,
            nillable: true,
            defaulted: false,
            custom: false,
            length: 0,
            picklist: &[],
            picklist_default: None,
            restricted: false,
            reference_to: &[],
            precision: 0,
            scale: 0,
            auto_number: false,
            help: None,
        }
    }

    /// A field that must be supplied on create.
    const fn req(name: &'static str, label: &'static str, kind: Kind) -> Field {
        let mut f = Field::opt(name, label, kind);
        f.nillable = false;
        f
    }

    /// A system field: read-only, never null, set by the org.
    const fn sys(name: &'static str, label: &'static str, kind: Kind) -> Field {
        let mut f = Field::opt(name, label, kind);
        f.createable = false;
        f.nillable = false;
        f.defaulted = true;
        f
    }

    const fn pick(mut self, values: &'static [&'static str]) -> Field {
        self.picklist = values;
        self
    }

    const fn defaulted_to(mut self, index: usize) -> Field {
        self.defaulted = true;
        self.picklist_default = Some(index);
        self
    }

    const fn refs(mut self, to: &'static [&'static str]) -> Field {
        self.reference_to = to;
        self
    }

    const fn custom(mut self) -> Field {
        self.custom = true;
        self
    }

    /// Total and fractional digits of a number field.
    pub fn digits(&self) -> (u32, u32) {
        match (self.kind, self.precision) {
            (Kind::Currency, 0) => (18, 2),
            (Kind::Percent, 0) => (3, 0),
            (_, p) => (p, self.scale),
        }
    }

    pub fn length(&self) -> u32 {
        if self.length > 0 {
            self.length
        } else {
            self.kind.default_length()
        }
    }

    /// What the engine must supply on create: Salesforce's rule,
    /// `createable && !nillable && !defaultedOnCreate`.
    pub fn required(&self) -> bool {
        self.createable && !self.nillable && !self.defaulted
    }

    pub fn describe(&self) -> Value {
        let (ty, soap) = self.kind.names();
        let picklist: Vec<Value> = self
            .picklist
            .iter()
            .enumerate()
            .map(|(i, v)| {
                json!({"active": true, "defaultValue": self.picklist_default == Some(i),
                       "label": v, "validFor": null, "value": v})
            })
            .collect();
        json!({
            "name": self.name,
            "label": self.label,
            "type": ty,
            "soapType": soap,
            "length": self.length(),
            "byteLength": self.length() * 3,
            "precision": self.digits().0,
            "scale": self.digits().1,
            "digits": if matches!(self.kind, Kind::Int) { 8 } else { 0 },
            "createable": self.createable,
            "updateable": self.createable,
            "nillable": self.nillable,
            "defaultedOnCreate": self.defaulted,
            "custom": self.custom,
            "calculated": false,
            "autoNumber": self.auto_number,
            "unique": false,
            "externalId": false,
            "idLookup": matches!(self.kind, Kind::Id) || self.name == "Name",
            "nameField": self.name == "Name",
            "filterable": true,
            "sortable": !matches!(self.kind, Kind::TextArea),
            "groupable": !matches!(self.kind, Kind::TextArea),
            "restrictedPicklist": self.restricted,
            "dependentPicklist": false,
            "picklistValues": picklist,
            "referenceTo": self.reference_to,
            "relationshipName": if self.kind == Kind::Reference {
                Value::from(self.name.trim_end_matches("Id"))
            } else {
                Value::Null
            },
            "defaultValue": null,
            "inlineHelpText": self.help,
        })
    }
}

pub(crate) struct SObject {
    pub name: &'static str,
    pub label: &'static str,
    pub label_plural: &'static str,
    pub key_prefix: &'static str,
    pub custom: bool,
    pub fields: Vec<Field>,
}

/// The custom field the `required-field` scenario adds to every object.
pub(crate) fn region_field() -> Field {
    let mut f = Field::req("Region__c", "Region", Kind::Picklist)
        .pick(&["AMER", "EMEA", "APAC"])
        .custom();
    f.restricted = true;
    f
}

fn system_fields(name_kind: Option<Field>) -> Vec<Field> {
    let mut v = vec![
        Field::sys("Id", "Record ID", Kind::Id),
        Field::sys("IsDeleted", "Deleted", Kind::Boolean),
    ];
    v.extend(name_kind);
    v.push(Field::opt("OwnerId", "Owner ID", Kind::Reference).refs(&["User", "Group"]));
    // OwnerId is createable but defaulted to the running user.
    if let Some(owner) = v.last_mut() {
        owner.nillable = false;
        owner.defaulted = true;
    }
    v.extend([
        Field::sys("CreatedDate", "Created Date", Kind::DateTime),
        Field::sys("CreatedById", "Created By ID", Kind::Reference).refs(&["User"]),
        Field::sys("LastModifiedDate", "Last Modified Date", Kind::DateTime),
        Field::sys("LastModifiedById", "Last Modified By ID", Kind::Reference).refs(&["User"]),
        Field::sys("SystemModstamp", "System Modstamp", Kind::DateTime),
    ]);
    v
}

fn with_system(mut head: Vec<Field>, rest: Vec<Field>) -> Vec<Field> {
    let name = if head.is_empty() {
        None
    } else {
        Some(head.remove(0))
    };
    let mut v = system_fields(name);
    v.extend(head);
    v.extend(rest);
    v
}

/// Every object of the org, in global-describe order.
pub(crate) fn all() -> Vec<SObject> {
    use Kind::*;
    vec![
        SObject {
            name: "Account",
            label: "Account",
            label_plural: "Accounts",
            key_prefix: "001",
            custom: false,
            fields: with_system(
                vec![Field::req("Name", "Account Name", String)],
                vec![
                    Field::opt("Type", "Account Type", Picklist).pick(&[
                        "Prospect",
                        "Customer - Direct",
                        "Customer - Channel",
                        "Partner",
                        "Other",
                    ]),
                    Field::opt("Industry", "Industry", Picklist).pick(&[
                        "Agriculture",
                        "Banking",
                        "Education",
                        "Manufacturing",
                        "Technology",
                        "Other",
                    ]),
                    Field::opt("Phone", "Account Phone", Phone),
                    Field::opt("Website", "Website", Url),
                    Field::opt("AnnualRevenue", "Annual Revenue", Currency),
                    Field::opt("NumberOfEmployees", "Employees", Int),
                    Field::opt("BillingCity", "Billing City", String),
                    Field::opt("Description", "Account Description", TextArea),
                ],
            ),
        },
        SObject {
            name: "Contact",
            label: "Contact",
            label_plural: "Contacts",
            key_prefix: "003",
            custom: false,
            fields: with_system(
                vec![],
                vec![
                    Field::opt("AccountId", "Account ID", Reference).refs(&["Account"]),
                    Field::opt("Salutation", "Salutation", Picklist)
                        .pick(&["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."]),
                    Field::opt("FirstName", "First Name", String),
                    Field::req("LastName", "Last Name", String),
                    Field::opt("Title", "Title", String),
                    Field::opt("Email", "Email", Email),
                    Field::opt("Phone", "Business Phone", Phone),
                    Field::opt("Description", "Contact Description", TextArea),
                ],
            ),
        },
        SObject {
            name: "Lead",
            label: "Lead",
            label_plural: "Leads",
            key_prefix: "00Q",
            custom: false,
            fields: with_system(
                vec![],
                vec![
                    Field::opt("FirstName", "First Name", String),
                    Field::req("LastName", "Last Name", String),
                    Field::req("Company", "Company", String),
                    Field::req("Status", "Status", Picklist)
                        .pick(&[
                            "Open - Not Contacted",
                            "Working - Contacted",
                            "Closed - Converted",
                            "Closed - Not Converted",
                        ])
                        .defaulted_to(0),
                    Field::opt("Email", "Email", Email),
                    Field::opt("Phone", "Phone", Phone),
                    Field::opt("Description", "Description", TextArea),
                ],
            ),
        },
        SObject {
            name: "Opportunity",
            label: "Opportunity",
            label_plural: "Opportunities",
            key_prefix: "006",
            custom: false,
            fields: with_system(
                vec![Field::req("Name", "Name", String)],
                vec![
                    Field::opt("AccountId", "Account ID", Reference).refs(&["Account"]),
                    Field::req("StageName", "Stage", Picklist).pick(&[
                        "Prospecting",
                        "Qualification",
                        "Needs Analysis",
                        "Proposal/Price Quote",
                        "Negotiation/Review",
                        "Closed Won",
                        "Closed Lost",
                    ]),
                    Field::req("CloseDate", "Close Date", Date),
                    Field::opt("Amount", "Amount", Currency),
                    Field::opt("Probability", "Probability (%)", Percent),
                    Field::opt("Description", "Description", TextArea),
                ],
            ),
        },
        SObject {
            name: "Case",
            label: "Case",
            label_plural: "Cases",
            key_prefix: "500",
            custom: false,
            fields: with_system(
                vec![],
                vec![
                    Field::sys("CaseNumber", "Case Number", String),
                    Field::opt("AccountId", "Account ID", Reference).refs(&["Account"]),
                    Field::opt("ContactId", "Contact ID", Reference).refs(&["Contact"]),
                    Field::opt("Subject", "Subject", String),
                    Field::opt("Status", "Status", Picklist)
                        .pick(&["New", "Working", "Escalated", "Closed"])
                        .defaulted_to(0),
                    Field::opt("Priority", "Priority", Picklist)
                        .pick(&["High", "Medium", "Low"])
                        .defaulted_to(1),
                    Field::opt("Origin", "Case Origin", Picklist).pick(&["Phone", "Email", "Web"]),
                    Field::opt("Description", "Description", TextArea),
                ],
            ),
        },
        SObject {
            name: "Preflight_Test__c",
            label: "Preflight Test",
            label_plural: "Preflight Tests",
            key_prefix: "a0X",
            custom: true,
            fields: with_system(
                vec![Field::req("Name", "Preflight Test Name", String)],
                vec![
                    Field::opt("Notes__c", "Notes", TextArea).custom(),
                    Field::opt("Checked_On__c", "Checked On", Date).custom(),
                ],
            ),
        },
    ]
}

/// Looks an object up by API name (case-insensitive, like Salesforce).
pub(crate) fn find(name: &str) -> Option<SObject> {
    all()
        .into_iter()
        .find(|o| o.name.eq_ignore_ascii_case(name))
}

/// The required fields of every type the `required-typed-fields` scenario adds to Account.
fn typed_required_fields() -> Vec<Field> {
    use Kind::*;
    let mut rating = Field::req("Rating__c", "Rating", Picklist)
        .pick(&["Hot", "Warm", "Cold"])
        .custom();
    rating.restricted = true;
    let mut value = Field::req("Contract_Value__c", "Contract Value", Currency).custom();
    value.precision = 16;
    value.scale = 2;
    vec![
        rating,
        Field::req("Renewal_Date__c", "Renewal Date", Date).custom(),
        value,
        Field::req("Billing_Email__c", "Billing Email", Email).custom(),
        // A checkbox is never null: false unless set.
        Field::req("Is_Partner__c", "Partner", Boolean).custom(),
        Field::req("Account_Manager__c", "Account Manager", Reference)
            .refs(&["User"])
            .custom(),
    ]
}

/// 800 optional custom fields with long help texts: a large org's describe (about 3 MB).
fn many_custom_fields() -> Vec<Field> {
    static NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        (1..=800)
            .map(|i| format!("Custom_Field_{i:03}__c"))
            .collect()
    });
    NAMES
        .iter()
        .map(|name| {
            let mut f = Field::opt(name, "Custom field", Kind::String).custom();
            f.help = Some(format!(
                "{name}: {}",
                "Maintained by the Sales Operations data team; see the field dictionary. "
                    .repeat(44)
            ));
            f
        })
        .collect()
}

impl SObject {
    /// The fields describe shows in `scenario`: the extra required fields of the scenarios that
    /// add them, an auto-number Name on the custom object, a large org's many custom fields.
    pub fn fields_with(&self, scenario: Scenario) -> Vec<Field> {
        let mut fields = self.fields.clone();
        match scenario {
            Scenario::RequiredField => fields.push(region_field()),
            Scenario::RequiredTypedFields if self.name == "Account" => {
                fields.extend(typed_required_fields())
            }
            Scenario::LargeDescribe if self.name == "Account" => {
                fields.extend(many_custom_fields())
            }
            Scenario::CustomObjectAutonumber if self.custom => {
                if let Some(name) = fields.iter_mut().find(|f| f.name == "Name") {
                    name.createable = false;
                    name.defaulted = true;
                    name.auto_number = true;
                    name.label = "Preflight Test Number";
                }
            }
            _ => {}
        }
        fields
    }

    pub fn urls(&self, version: &str) -> Value {
        let base = format!("/services/data/v{version}/sobjects/{}", self.name);
        json!({
            "sobject": base,
            "describe": format!("{base}/describe"),
            "rowTemplate": format!("{base}/{{ID}}"),
        })
    }

    /// The entry of the global describe (`GET sobjects/`).
    pub fn global_entry(&self, version: &str) -> Value {
        json!({
            "name": self.name,
            "label": self.label,
            "labelPlural": self.label_plural,
            "keyPrefix": self.key_prefix,
            "custom": self.custom,
            "customSetting": false,
            "createable": true,
            "deletable": true,
            "updateable": true,
            "queryable": true,
            "retrieveable": true,
            "searchable": true,
            "layoutable": true,
            "undeletable": true,
            "triggerable": true,
            "urls": self.urls(version),
        })
    }

    pub fn describe(&self, version: &str, scenario: Scenario) -> Value {
        let mut v = self.global_entry(version);
        let fields: Vec<Value> = self
            .fields_with(scenario)
            .iter()
            .map(Field::describe)
            .collect();
        if let Some(obj) = v.as_object_mut() {
            obj.insert("fields".into(), Value::from(fields));
            obj.insert("childRelationships".into(), json!([]));
            obj.insert("recordTypeInfos".into(), json!([]));
        }
        v
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn required(obj: &str, extra: bool) -> Vec<&'static str> {
        let scenario = if extra {
            Scenario::RequiredField
        } else {
            Scenario::Healthy
        };
        find(obj)
            .unwrap()
            .fields_with(scenario)
            .iter()
            .filter(|f| f.required())
            .map(|f| f.name)
            .collect()
    }

    #[test]
    fn required_fields_follow_the_describe_rule() {
        assert_eq!(required("Account", false), ["Name"]);
        assert_eq!(required("account", true), ["Name", "Region__c"]);
        assert_eq!(required("Contact", false), ["LastName"]);
        assert_eq!(required("Lead", false), ["LastName", "Company"]);
        assert_eq!(
            required("Opportunity", false),
            ["Name", "StageName", "CloseDate"]
        );
        assert!(required("Case", false).is_empty());
        assert_eq!(required("Preflight_Test__c", false), ["Name"]);
    }

    #[test]
    fn owner_is_defaulted_and_prefixes_unique() {
        let acct = find("Account").unwrap();
        let owner = acct.fields.iter().find(|f| f.name == "OwnerId").unwrap();
        assert!(owner.createable && !owner.nillable && owner.defaulted);
        let mut prefixes: Vec<_> = all().iter().map(|o| o.key_prefix).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), all().len());
    }

    #[test]
    fn describe_shows_picklists() {
        let d = find("Opportunity")
            .unwrap()
            .describe("68.0", Scenario::Healthy);
        let stage = d["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "StageName")
            .unwrap();
        assert_eq!(stage["type"], "picklist");
        assert_eq!(stage["picklistValues"][0]["value"], "Prospecting");
        assert_eq!(
            d["urls"]["describe"],
            "/services/data/v68.0/sobjects/Opportunity/describe"
        );
    }
}
