//! A synthetic news corpus: invented events, each reported by several
//! articles written from the team's own sentence templates, with controlled
//! rates of agreement and conflict. Shared by the articles bench and the
//! article property tests.

#![allow(dead_code)]

/// A small, deterministic generator (SplitMix64), so that a corpus is a
/// function of its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr",
    "kr", "tr", "st", "th",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "s", "th", "nd", "rk"];

/// An invented proper name of two or three syllables.
pub fn name(rng: &mut Rng) -> String {
    let syllables = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(rng.pick(ONSETS));
        s.push_str(rng.pick(VOWELS));
    }
    s.push_str(rng.pick(CODAS));
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// The facts of one invented event.
#[derive(Clone)]
pub struct Event {
    country_a: String,
    country_b: String,
    city_a: String,
    city_b: String,
    minister: String,
    host: String,
    weekday: &'static str,
    gap_years: u32,
    fund_millions: u32,
    crossing_hours: u32,
    tariff_percent: u32,
    ships: u32,
    talks_since: u32,
}

impl Event {
    pub fn new(rng: &mut Rng) -> Self {
        Event {
            country_a: name(rng),
            country_b: name(rng),
            city_a: name(rng),
            city_b: name(rng),
            minister: format!("{} {}", name(rng), name(rng)),
            host: format!("{} {}", name(rng), name(rng)),
            weekday: rng.pick(WEEKDAYS),
            gap_years: 5 + rng.below(20) as u32,
            fund_millions: 100 * (1 + rng.below(30) as u32),
            crossing_hours: 6 + rng.below(12) as u32,
            tariff_percent: 5 * (1 + rng.below(8) as u32),
            ships: 2 + rng.below(6) as u32,
            talks_since: 2005 + rng.below(15) as u32,
        }
    }
}

/// Filler that carries no checkable fact, so articles reach a realistic size.
const FILLER: &[&str] = &[
    "Crowds gathered along the waterfront as the delegation passed, and traders said they hoped for busier seasons ahead.",
    "Local newspapers carried the story on their front pages, with photographs of the harbour at dawn.",
    "Analysts cautioned that much would depend on how quickly the plans could be put into practice.",
    "Fishing families in the coastal villages have long complained about the cost of fuel and the state of the piers.",
    "The visit drew protests from a small group of opposition activists, who gathered outside the conference hall.",
    "Observers noted the warm tone of the remarks, a contrast with the sharp exchanges of earlier years.",
    "Several business associations issued statements welcoming what they called a practical step.",
    "The weather remained calm throughout the day, and the official programme ran on schedule.",
];

/// One article on `event`. With probability `conflict`, each checkable
/// value is misreported; `source` only seeds the wording.
pub fn article(event: &Event, rng: &mut Rng, conflict: f64) -> String {
    let e = event;
    let alter = |v: u32, rng: &mut Rng| {
        if rng.chance(conflict) {
            v + 3 + rng.below(40) as u32
        } else {
            v
        }
    };
    let gap = alter(e.gap_years, rng);
    let fund = alter(e.fund_millions, rng);
    let hours = alter(e.crossing_hours, rng);
    let tariff = alter(e.tariff_percent, rng);
    let mut s: Vec<String> = vec![
        format!(
            "Foreign Minister {} of {} arrived in {} on {} for talks with {}, the first such visit in {} years.",
            e.minister, e.country_a, e.city_b, e.weekday, e.host, gap
        ),
        format!(
            "The two ministers signed an agreement to open a ferry line between {} and {}, backed by a fund of ${} million.",
            e.city_a, e.city_b, fund
        ),
        format!("The crossing will take about {hours} hours, the operator said."),
        format!(
            "{} agreed to cut tariffs on machinery from {} by {} percent.",
            e.country_b, e.country_a, tariff
        ),
        format!("{} ships will be refitted for the route.", e.ships),
    ];
    s.push(if rng.chance(conflict) {
        format!(
            "{} will lift its ban on fish exports to {}.",
            e.country_a, e.country_b
        )
    } else {
        format!(
            "{} will lift its ban on fish imports from {}.",
            e.country_a, e.country_b
        )
    });
    s.push(format!(
        "Fisheries talks between {} and {}, suspended since {}, will resume next month.",
        e.country_a, e.country_b, e.talks_since
    ));
    // Vary the order a little, as reporters do, then pad with filler.
    let k = rng.below(s.len());
    s.swap(0, k.min(1));
    let mut text = String::new();
    let mut i = 0;
    for sentence in &s {
        text.push_str(sentence);
        text.push_str("\n\n");
        for _ in 0..5 {
            text.push_str(FILLER[(i + rng.below(FILLER.len())) % FILLER.len()]);
            text.push(' ');
            i += 1;
        }
        text.push_str("\n\n");
    }
    text
}

/// `n` articles about `n / per_event` events: (source id, text).
pub fn corpus(n: usize, per_event: usize, conflict: f64, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    let mut event = Event::new(&mut rng);
    for i in 0..n {
        if i % per_event.max(1) == 0 {
            event = Event::new(&mut rng);
        }
        out.push((format!("src-{i:05}"), article(&event, &mut rng, conflict)));
    }
    out
}
