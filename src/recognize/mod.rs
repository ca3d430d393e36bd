//! Placeholder until the recognizers land.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Quarter,
    Month,
    Day,
}
impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Quarter => "quarter",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Money {
        value: f64,
        value_max: Option<f64>,
        currency: String,
        approximate: bool,
        per: Option<String>,
    },
    Percent {
        value: f64,
        value_max: Option<f64>,
        approximate: bool,
    },
    Quantity {
        value: f64,
        approximate: bool,
        unit: String,
    },
    Date {
        value: Option<String>,
        precision: Precision,
        qualifier: Option<String>,
        relative: bool,
    },
}
impl Value {
    pub fn label(&self) -> &'static str {
        match self {
            Value::Money { .. } => "money",
            Value::Percent { .. } => "percent",
            Value::Quantity { .. } => "quantity",
            Value::Date { .. } => "date",
        }
    }
}
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: Value,
}
pub fn recognize(_text: &str, _doc_date: Option<DocDate>) -> Vec<Found> {
    Vec::new()
}
