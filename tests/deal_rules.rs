//! One test per deal rule, each with a sentence (written for this project)
//! of the kind that motivated the rule.

use std::sync::LazyLock;

use dealtrace::gazetteer::Gazetteer;
use dealtrace::input::Document;
use dealtrace::pipeline::Pipeline;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new(Gazetteer::bundled()));

/// A deal as (kind, status, [(role, name)], amount, date).
#[derive(Debug)]
struct D {
    kind: &'static str,
    status: &'static str,
    parties: Vec<(&'static str, String)>,
    amount: Option<(f64, String)>,
    date: Option<String>,
}

fn deals(text: &str) -> Vec<D> {
    let a = PIPELINE.annotate(Document::new("t", text));
    a.deals
        .iter()
        .map(|d| D {
            kind: d.kind.as_str(),
            status: d.status.as_str(),
            parties: d
                .parties
                .iter()
                .map(|p| {
                    (
                        p.role.as_str(),
                        text[p.span.start..p.span.end].replace('\n', " "),
                    )
                })
                .collect(),
            amount: d.amount.as_ref().map(|x| (x.value, x.currency.clone())),
            date: d.date.as_ref().map(|x| x.value.clone()),
        })
        .collect()
}

fn one(text: &str) -> D {
    let mut ds = deals(text);
    assert_eq!(ds.len(), 1, "expected one deal in {text:?}: {ds:?}");
    ds.remove(0)
}

fn has(d: &D, role: &str, name: &str) -> bool {
    d.parties.iter().any(|(r, n)| *r == role && n == name)
}

#[test]
fn agreed_to_acquire_for_amount() {
    let d = one("Acme Corp said it agreed to acquire Widget Inc for 25 mln dlrs.");
    assert_eq!((d.kind, d.status), ("acquisition", "agreed"));
    assert!(
        has(&d, "buyer", "Acme Corp") && has(&d, "target", "Widget Inc"),
        "{d:?}"
    );
    assert_eq!(d.amount, Some((25e6, "USD".into())));
}

#[test]
fn bought_from_seller() {
    let d = one("Harbor Group Inc said it bought Delta Foods Inc from Orion Holdings Plc for 13 mln dlrs in cash.");
    assert_eq!((d.kind, d.status), ("acquisition", "completed"));
    assert!(has(&d, "buyer", "Harbor Group Inc"), "{d:?}");
    assert!(has(&d, "target", "Delta Foods Inc"), "{d:?}");
    assert!(has(&d, "seller", "Orion Holdings Plc"), "{d:?}");
}

#[test]
fn sold_unit_to_buyer() {
    let d = one(
        "Northwind Corp said it sold Lumen Systems Inc to Calder Partners Inc for 40 mln dlrs.",
    );
    assert_eq!((d.kind, d.status), ("acquisition", "completed"));
    assert!(
        has(&d, "seller", "Northwind Corp")
            && has(&d, "target", "Lumen Systems Inc")
            && has(&d, "buyer", "Calder Partners Inc"),
        "{d:?}"
    );
}

#[test]
fn passive_tender_offer() {
    let d = one("Shares of Conway Corp rose after a 30-dlr-per-share tender offer announced by Brandt Industries Inc.");
    assert_eq!((d.kind, d.status), ("acquisition", "proposed"));
    assert!(
        has(&d, "buyer", "Brandt Industries Inc.") && has(&d, "target", "Conway Corp"),
        "{d:?}"
    );
    assert_eq!(d.amount, Some((30.0, "USD".into())));
}

#[test]
fn rejected_offer_makes_the_rejecter_the_target() {
    let d = one(
        "Conway Corp rejected the 32 dlrs a share offer from Brandt Industries Inc as inadequate.",
    );
    assert_eq!((d.kind, d.status), ("acquisition", "rejected"));
    assert!(
        has(&d, "target", "Conway Corp") && has(&d, "buyer", "Brandt Industries Inc"),
        "{d:?}"
    );
}

#[test]
fn contract_roles_by_party_type() {
    let d = one("In June 2018, the Kenyan government signed a $172 million deal with Safaricom for city cameras.");
    assert_eq!((d.kind, d.status), ("contract", "agreed"));
    assert!(
        has(&d, "buyer", "Kenyan government") && has(&d, "vendor", "Safaricom"),
        "{d:?}"
    );
    assert_eq!(d.amount, Some((172e6, "USD".into())));
    assert_eq!(d.date.as_deref(), Some("2018-06"));
}

#[test]
fn opted_for_an_unlisted_company() {
    let d = one("At $12 million, the Bolivian government opted for a Spanish company, Telvira, to build the network in June 2020.");
    assert_eq!((d.kind, d.status), ("contract", "agreed"));
    assert!(
        has(&d, "buyer", "Bolivian government") && has(&d, "vendor", "Telvira"),
        "{d:?}"
    );
    assert_eq!(d.date.as_deref(), Some("2020-06"));
}

#[test]
fn turned_down_a_vendors_project() {
    let d = one(
        "In May 2017, the Mongolian government turned down Huawei's $45 million broadband project.",
    );
    assert_eq!((d.kind, d.status), ("contract", "rejected"));
    assert!(
        has(&d, "buyer", "Mongolian government") && has(&d, "vendor", "Huawei"),
        "{d:?}"
    );
}

#[test]
fn contract_with_a_funding_bank() {
    let d = one("In 2012, Tanzania signed a $30 million telecom purchasing deal with ZTE, paid for with loans provided by the China Development Bank.");
    assert!(
        has(&d, "buyer", "Tanzania")
            && has(&d, "vendor", "ZTE")
            && has(&d, "funder", "China Development Bank"),
        "{d:?}"
    );
}

#[test]
fn bank_lends_to_government() {
    let d = one(
        "China Development Bank provided a $500 million loan to the Government of Laos in 2015.",
    );
    assert_eq!(d.kind, "financing");
    assert!(
        has(&d, "funder", "China Development Bank") && has(&d, "recipient", "Government of Laos"),
        "{d:?}"
    );
    assert_eq!(d.date.as_deref(), Some("2015"));
}

#[test]
fn credit_line_from_a_bank() {
    let d = one("Zambia secured a $300 million credit line from the Export-Import Bank of China.");
    assert_eq!(d.kind, "financing");
    assert!(
        has(&d, "recipient", "Zambia") && has(&d, "funder", "Export-Import Bank of China"),
        "{d:?}"
    );
}

#[test]
fn investment_in_a_company() {
    let d = one("Tencent invested $50 million in Zenlink Technologies Ltd in March 2021.");
    assert_eq!((d.kind, d.status), ("investment", "completed"));
    assert!(
        has(&d, "funder", "Tencent") && has(&d, "target", "Zenlink Technologies Ltd"),
        "{d:?}"
    );
}

#[test]
fn merger_partners() {
    let d = one("Alder Industries Inc and Birch Holdings Corp said they agreed to merge.");
    assert_eq!(d.kind, "acquisition");
    assert!(
        has(&d, "partner", "Alder Industries Inc") && has(&d, "partner", "Birch Holdings Corp"),
        "{d:?}"
    );
}

#[test]
fn joint_venture_partners() {
    let d =
        one("PT Sinar Telekom and China's ZTE Corp signed an agreement to set up a joint venture.");
    assert_eq!((d.kind, d.status), ("agreement", "agreed"));
    assert!(
        has(&d, "partner", "PT Sinar Telekom") && has(&d, "partner", "ZTE Corp"),
        "{d:?}"
    );
}

#[test]
fn agreed_in_principle_is_proposed() {
    let d = one("Keystone Steel Co said it has agreed in principle to acquire Valley Wire Inc.");
    assert_eq!((d.kind, d.status), ("acquisition", "proposed"));
}

#[test]
fn amount_from_the_next_sentence() {
    let d = one("Delta Petroleum Co said it signed a definitive agreement to buy Omega Resources Inc. The transaction is valued at about 8.8 mln dlrs.");
    assert_eq!(d.status, "agreed");
    assert_eq!(d.amount, Some((8.8e6, "USD".into())));
}

#[test]
fn a_deal_told_twice_is_one_record() {
    let ds = deals("Acme Corp agreed to acquire Widget Inc for 25 mln dlrs. Acme Corp said the acquisition of Widget Inc should close in May.");
    assert_eq!(ds.len(), 1, "{ds:?}");
}

#[test]
fn regulators_are_not_parties() {
    let d = one(
        "Union Bancorp said it received Federal Reserve Board approval to acquire Valley Trust Co.",
    );
    assert!(
        has(&d, "buyer", "Union Bancorp") && has(&d, "target", "Valley Trust Co."),
        "{d:?}"
    );
    assert_eq!(d.parties.len(), 2);
}

#[test]
fn asset_of_a_company() {
    let d = one("Broadline Corp said it acquired the trucking operations of Keller and Sons Co.");
    assert!(has(&d, "buyer", "Broadline Corp"), "{d:?}");
    assert!(
        has(&d, "target", "trucking operations of Keller and Sons Co."),
        "{d:?}"
    );
    assert!(has(&d, "seller", "Keller and Sons Co."), "{d:?}");
}

#[test]
fn stake_purchase() {
    let d = one("Kestrel Partners said it has acquired 250,000 shares of Ashby Mills Inc, or 6.2 pct of the total.");
    assert_eq!((d.kind, d.status), ("acquisition", "completed"));
    assert!(
        has(&d, "buyer", "Kestrel Partners") && has(&d, "target", "Ashby Mills Inc"),
        "{d:?}"
    );
}

#[test]
fn person_buyer() {
    let d = one("Martin Vogel, a Denver investor, said he bought 5.1 pct of Quorum Labs Inc for 1.2 mln dlrs.");
    assert!(
        has(&d, "buyer", "Martin Vogel") && has(&d, "target", "Quorum Labs Inc"),
        "{d:?}"
    );
}

#[test]
fn market_share_is_no_deal() {
    assert!(deals("Huawei supplies 90 percent of the country's telecom equipment.").is_empty());
    assert!(deals("Some 883 cameras watch the capital's streets.").is_empty());
}

#[test]
fn acronym_parties_take_the_full_name() {
    let d = one("In 2016, the Industrial and Commercial Bank of China (ICBC) signed a $900 million loan agreement with Kenya Power Grid Company (KPGC). ");
    assert!(
        has(&d, "funder", "Industrial and Commercial Bank of China"),
        "{d:?}"
    );
    let ds = deals("Tanzania Electric Supply Company (TESC) needs funds. In 2018, TESC signed a $150 million loan agreement with China Development Bank.");
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert!(
        has(&ds[0], "recipient", "Tanzania Electric Supply Company"),
        "{ds:?}"
    );
}

#[test]
fn completion_news_completes_earlier_deals() {
    let d = one("In 2015, China Eximbank and the Government of Malawi signed a $60 million loan agreement for a new ring road. The project was completed in 2019.");
    assert_eq!((d.kind, d.status), ("financing", "completed"));
    assert_eq!(
        d.date.as_deref(),
        Some("2015"),
        "the deal's date stays the signing"
    );
}

#[test]
fn cancellation_news_rejects_the_last_deal() {
    let d = one("In 2017, the Government of Fiji signed a $90 million loan agreement with China Development Bank for a port. The loan was cancelled a year later.");
    assert_eq!(d.status, "rejected");
}

#[test]
fn two_clauses_two_deals() {
    let ds = deals("The ministry of transport awarded a $12 million contract to Safaricom in 2019, and the ministry is weighing a $30 million extension that Huawei has offered to build.");
    assert_eq!(ds.len(), 2, "{ds:?}");
    assert!(
        ds.iter()
            .any(|d| d.status == "proposed" && has(d, "vendor", "Huawei")),
        "{ds:?}"
    );
}

#[test]
fn funding_round_led_by_an_investor() {
    let d = one("Skyport, a Finnish start-up, closed a €25 million funding round led by Northwind Ventures on Monday.");
    assert_eq!(d.kind, "investment");
    assert!(
        has(&d, "target", "Skyport") && has(&d, "funder", "Northwind Ventures"),
        "{d:?}"
    );
}

#[test]
fn it_is_the_company_the_story_is_about() {
    let ds = deals("Skyport Oy builds drones. Last year it turned down a 50 million yuan investment from Harbour Capital.");
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].status, "rejected");
    assert!(
        ds[0].parties.iter().any(|(_, n)| n == "Skyport Oy"),
        "{:?}",
        ds[0]
    );
}

#[test]
fn unit_of_a_company_is_sold_by_its_owner() {
    let d = one("Marlow Tool Co said it agreed to acquire the Precision Gear Systems division of Holt Industries Inc for cash.");
    assert!(
        has(&d, "buyer", "Marlow Tool Co")
            && has(&d, "target", "Precision Gear Systems")
            && has(&d, "seller", "Holt Industries Inc"),
        "{d:?}"
    );
}

#[test]
fn hypotheticals_and_regulators_make_no_deal() {
    assert!(deals("Acme Corp said if Widget Inc were to sign such an agreement, Acme would supply it with data.").is_empty());
    let d = one("Union Bancorp said its merger with Valley Trust Co is subject to approval of the Federal Home Loan Bank Board.");
    assert!(
        !d.parties.iter().any(|(_, n)| n.contains("Federal")),
        "{d:?}"
    );
}
