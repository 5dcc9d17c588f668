//! TEMPORARY: replaced by the `norm` branch on merge. Minimal so the core compiles.
use crate::report::RejectReason;
use crate::value::{Number, Value, ValueKind};

/// Parses one structured value.
pub fn normalize(raw: &str, kind: Option<ValueKind>) -> Result<Value, RejectReason> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(RejectReason::Empty);
    }
    if matches!(t, "-" | "Not Available" | "Contact Airline") {
        return Err(RejectReason::MissingValue);
    }
    match kind {
        Some(ValueKind::Number) | None => match t.replace(',', "").parse::<f64>() {
            Ok(x) => Ok(Value::Number(Number::exact(x))),
            Err(_) if kind.is_some() => Err(RejectReason::Unparseable {
                expected: ValueKind::Number,
                detail: "not a number".into(),
            }),
            Err(_) => Ok(Value::Text(t.to_string())),
        },
        Some(ValueKind::Code) => Ok(Value::Code(t.to_uppercase())),
        _ => Ok(Value::Text(t.to_string())),
    }
}

/// Infers a kind from samples.
pub fn infer_kind<'a>(raws: impl IntoIterator<Item = &'a str>) -> ValueKind {
    let mut n = 0;
    let mut num = 0;
    for r in raws {
        n += 1;
        if r.trim().replace(',', "").parse::<f64>().is_ok() {
            num += 1;
        }
    }
    if n > 0 && num * 2 > n {
        ValueKind::Number
    } else {
        ValueKind::Text
    }
}
