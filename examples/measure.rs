//! Measures reading, normalising and reconciling a claims CSV.
//!
//! ```text
//! cargo run --release --example measure -- CLAIMS.csv [--repeat N]
//! /usr/bin/time -v target/release/examples/measure CLAIMS.csv     # for peak RSS
//! ```
//!
//! Prints the wall time of each phase and the claims per second of the whole
//! job (read + normalise + reconcile; writing the report is not included).

use std::time::Instant;

use corroborate::{Error, ErrorKind, FactKind, Options, Reconciler};

fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| Error::new(ErrorKind::Config, "usage: measure CLAIMS.csv [--repeat N]"))?;
    let mut repeat = 1usize;
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--repeat", Some(n)) => {
                repeat = n.parse().map_err(|_| {
                    Error::new(
                        ErrorKind::Config,
                        format!("--repeat takes a number, got {n:?}"),
                    )
                })?
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("unexpected argument {a:?}"),
                ))
            }
        }
    }
    let bytes =
        std::fs::read(&path).map_err(|e| Error::new(ErrorKind::Io, format!("{path}: {e}")))?;
    let mut best = f64::INFINITY;
    for round in 1..=repeat {
        let t0 = Instant::now();
        let mut rec = Reconciler::new(Options::default());
        let n = rec.read_csv(bytes.as_slice())?;
        let t1 = Instant::now();
        let report = rec.reconcile();
        let t2 = Instant::now();
        let total = (t2 - t0).as_secs_f64();
        best = best.min(total);
        println!(
            "round {round}: {n} claims; read {:.3}s, normalise+reconcile {:.3}s, total {total:.3}s = {:.0} claims/s; {} facts ({} contradictions, {} consensus, {} uncorroborated), {} rejected",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            n as f64 / total,
            report.facts.len(),
            report.count(FactKind::Contradiction),
            report.count(FactKind::Consensus),
            report.count(FactKind::Uncorroborated),
            report.rejected.len(),
        );
    }
    println!("best total {best:.3}s");
    Ok(())
}
