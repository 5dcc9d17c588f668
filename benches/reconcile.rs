//! Reconciliation throughput on a synthetic flight-status table.
//!
//! The generator writes the kind of table the flight benchmark holds: many
//! sources, several time formats, placeholders, careless sources and groups
//! of sources that copy one another, all from a fixed seed.

use corroborate::{Options, Reconciler};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn render(fmt: u64, h: u64, m: u64) -> String {
    let (h12, ap) = (
        if h % 12 == 0 { 12 } else { h % 12 },
        if h < 12 { "AM" } else { "PM" },
    );
    match fmt {
        0 => format!("05/02/2026 {h12:02}:{m:02} {ap}"),
        1 => format!("{h12}:{m:02}{}May 02", &ap[..1].to_lowercase()),
        2 => format!("2026-05-02 {h:02}:{m:02}"),
        3 => format!("{h12}:{m:02} {ap}May 02"),
        _ => format!("5/2/26 {h12}:{m:02} {ap} (-05:00)"),
    }
}

/// `flights × 6 attributes × up to 20 sources` claims as CSV.
fn table(flights: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::from("source,subject,attribute,value\n");
    for f in 0..flights {
        for attr in ["sched_dep", "act_dep", "sched_arr", "act_arr"] {
            let (h, m) = (rng.below(24), rng.below(60));
            for s in 0..20u64 {
                if rng.below(10) < 3 {
                    continue;
                }
                // Sources 10..14 copy source 10; source 19 is careless.
                let copy_of = if (10..15).contains(&s) { 10 } else { s };
                let wrong = if copy_of == 19 {
                    rng.below(2) == 0
                } else {
                    rng.below(20) == 0
                };
                let (hh, mm) = if wrong {
                    ((h + 1) % 24, (m + 7) % 60)
                } else {
                    (h, m)
                };
                let v = if rng.below(50) == 0 {
                    "-".to_string()
                } else {
                    render(copy_of % 5, hh, mm)
                };
                out.push_str(&format!("site{s},FL-{f},{attr},{v}\n"));
            }
        }
        for attr in ["dep_gate", "arr_gate"] {
            let gate = format!(
                "{}{}",
                ["A", "B", "C"][rng.below(3) as usize],
                rng.below(40)
            );
            for s in 0..8u64 {
                let v = if s == 7 {
                    format!("Gate {gate}")
                } else {
                    gate.clone()
                };
                out.push_str(&format!("site{s},FL-{f},{attr},{v}\n"));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let csv = table(2_000);
    let rows = csv.lines().count() as u64 - 1;
    let mut g = c.benchmark_group("reconcile");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rows));
    g.bench_function("read_csv+reconcile synthetic flights", |b| {
        b.iter(|| {
            let mut r = Reconciler::new(Options::default());
            r.read_csv(csv.as_bytes())
                .expect("generated CSV is well formed");
            r.reconcile()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
