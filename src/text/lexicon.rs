//! General English and world tables: countries with their aliases, demonyms
//! and capitals, titles, organisation and place heads, function words, web
//! interface vocabulary and irregular verbs.
//!
//! Nothing here is specific to any article: these are the lists a reader of
//! world news carries in their head.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A multiply-rotate hasher (the Fx hash of rustc) for short word keys:
/// the tables are fixed and trusted, so SipHash's flood resistance buys
/// nothing and costs a fifth of the run time. Unlike `crate::intern`'s, it
/// mixes a word's tail byte by byte: padding a short word into one u64 and
/// multiplying leaves the low bits (the bucket) depending on its first
/// letters only, and article reading ran 25% slower with it.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Calls `f` with `w` lower-cased, without allocating for short ASCII words.
pub(crate) fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        // Lower-casing ASCII keeps it ASCII, so this never fails.
        f(std::str::from_utf8(&buf[..w.len()]).unwrap_or(""))
    } else {
        f(&w.to_lowercase())
    }
}

/// `canonical;aliases;demonyms;capitals`, `|`-separated within a field.
/// Ambiguous capitals that are also common words or first names (Male,
/// Victoria, Kingston) are left out on purpose: a false country is worse
/// than a missed one.
const COUNTRIES: &str = "\
Afghanistan;;Afghan;Kabul
Albania;;Albanian;Tirana
Algeria;;Algerian;Algiers
Angola;;Angolan;Luanda
Argentina;;Argentine|Argentinian;Buenos Aires
Armenia;;Armenian;Yerevan
Australia;;Australian;Canberra
Austria;;Austrian;Vienna
Azerbaijan;;Azerbaijani;Baku
Bahrain;;Bahraini;Manama
Bangladesh;;Bangladeshi;Dhaka
Belarus;;Belarusian;Minsk
Belgium;;Belgian;Brussels
Bolivia;;Bolivian;La Paz
Bosnia and Herzegovina;Bosnia;Bosnian;Sarajevo
Brazil;;Brazilian;Brasilia|Brasília
Bulgaria;;Bulgarian;Sofia
Cambodia;;Cambodian;Phnom Penh
Cameroon;;Cameroonian;Yaounde
Canada;;Canadian;Ottawa
Chile;;Chilean;Santiago
China;People's Republic of China|PRC|Mainland China;Chinese;Beijing
Colombia;;Colombian;Bogota|Bogotá
Congo;Democratic Republic of the Congo|DRC;Congolese;Kinshasa
Costa Rica;;Costa Rican;San Jose
Croatia;;Croatian;Zagreb
Cuba;;Cuban;Havana
Cyprus;;Cypriot;Nicosia
Czech Republic;Czechia;Czech;Prague
Denmark;;Danish|Dane;Copenhagen
Ecuador;;Ecuadorian;Quito
Egypt;;Egyptian;Cairo
Estonia;;Estonian;Tallinn
Ethiopia;;Ethiopian;Addis Ababa
Finland;;Finnish|Finn;Helsinki
France;;French;Paris
Georgia;;Georgian;Tbilisi
Germany;;German;Berlin
Ghana;;Ghanaian;Accra
Greece;;Greek;Athens
Hungary;;Hungarian;Budapest
Iceland;;Icelandic|Icelander;Reykjavik
India;;Indian;New Delhi
Indonesia;;Indonesian;Jakarta
Iran;;Iranian;Tehran
Iraq;;Iraqi;Baghdad
Ireland;;Irish;Dublin
Israel;;Israeli;Jerusalem
Italy;;Italian;Rome
Japan;;Japanese;Tokyo
Jordan;;Jordanian;Amman
Kazakhstan;;Kazakh;Astana
Kenya;;Kenyan;Nairobi
Korea;;Korean;
North Korea;N. Korea|DPRK|Democratic People's Republic of Korea;North Korean;Pyongyang
South Korea;S. Korea|Republic of Korea|ROK;South Korean;Seoul
Kosovo;;Kosovar;Pristina
Kuwait;;Kuwaiti;Kuwait City
Kyrgyzstan;;Kyrgyz;Bishkek
Laos;;Laotian|Lao;Vientiane
Latvia;;Latvian;Riga
Lebanon;;Lebanese;Beirut
Libya;;Libyan;Tripoli
Lithuania;;Lithuanian;Vilnius
Malaysia;;Malaysian;Kuala Lumpur
Mali;;Malian;Bamako
Mexico;;Mexican;Mexico City
Moldova;;Moldovan;Chisinau
Mongolia;;Mongolian;Ulaanbaatar|Ulan Bator
Morocco;;Moroccan;Rabat
Mozambique;;Mozambican;Maputo
Myanmar;Burma;Burmese;Naypyidaw
Nepal;;Nepali|Nepalese;Kathmandu
Netherlands;Holland|The Netherlands;Dutch;Amsterdam|The Hague
New Zealand;;New Zealander;Wellington
Nicaragua;;Nicaraguan;Managua
Niger;;Nigerien;Niamey
Nigeria;;Nigerian;Abuja
North Macedonia;Macedonia;Macedonian;Skopje
Norway;;Norwegian;Oslo
Oman;;Omani;Muscat
Pakistan;;Pakistani;Islamabad
Palestine;Palestinian Territories;Palestinian;Ramallah
Panama;;Panamanian;Panama City
Paraguay;;Paraguayan;Asuncion|Asunción
Peru;;Peruvian;Lima
Philippines;The Philippines;Philippine|Filipino;Manila
Poland;;Polish|Pole;Warsaw
Portugal;;Portuguese;Lisbon
Qatar;;Qatari;Doha
Romania;;Romanian;Bucharest
Russia;Russian Federation;Russian;Moscow|Kremlin
Rwanda;;Rwandan;Kigali
Saudi Arabia;;Saudi;Riyadh
Senegal;;Senegalese;Dakar
Serbia;;Serbian|Serb;Belgrade
Singapore;;Singaporean;
Slovakia;;Slovak;Bratislava
Slovenia;;Slovenian|Slovene;Ljubljana
Somalia;;Somali;Mogadishu
South Africa;;South African;Pretoria
South Sudan;;South Sudanese;Juba
Spain;;Spanish|Spaniard;Madrid
Sri Lanka;;Sri Lankan;Colombo
Sudan;;Sudanese;Khartoum
Sweden;;Swedish|Swede;Stockholm
Switzerland;;Swiss;Bern|Berne
Syria;;Syrian;Damascus
Taiwan;Republic of China;Taiwanese;Taipei
Tajikistan;;Tajik;Dushanbe
Tanzania;;Tanzanian;Dodoma
Thailand;;Thai;Bangkok
Tunisia;;Tunisian;Tunis
Turkey;Türkiye|Turkiye;Turkish|Turk;Ankara
Turkmenistan;;Turkmen;Ashgabat
Uganda;;Ugandan;Kampala
Ukraine;;Ukrainian;Kyiv|Kiev
United Arab Emirates;UAE|U.A.E.|Emirates;Emirati;Abu Dhabi
United Kingdom;UK|U.K.|Britain|Great Britain;British|Briton;London|Downing Street
United States;US|U.S.|USA|U.S.A.|America|United States of America;American;Washington|Washington D.C.|Washington DC
Uruguay;;Uruguayan;Montevideo
Uzbekistan;;Uzbek;Tashkent
Venezuela;;Venezuelan;Caracas
Vietnam;Viet Nam;Vietnamese;Hanoi
Yemen;;Yemeni;Sanaa|Sana'a
Zambia;;Zambian;Lusaka
Zimbabwe;;Zimbabwean;Harare
Hong Kong;;Hong Konger;
Macau;Macao;Macanese;
Africa;;African;
Asia;;Asian;
Europe;;European;
North America;;North American;
South America;;South American;
Latin America;;Latin American;
Middle East;;Middle Eastern;
Oceania;;Oceanian;
Antarctica;;Antarctic;
Arctic;;;
Caribbean;;;
European Union;EU|E.U.;;
";

/// What a gazetteer surface form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Index into the canonical names.
    pub id: u16,
    /// True for demonyms ("Japanese"): they name a country's people or
    /// adjective, so they never start a title-led person name.
    pub demonym: bool,
}

pub(crate) struct Gazetteer {
    pub names: Vec<&'static str>,
    /// Keys are [`name_key`]s of every surface form.
    pub forms: FxMap<String, Place>,
    /// First word of every surface form → the most words a form starting
    /// with it has (one spare for a split possessive): most capitalised
    /// words start no place, and this says so in one look-up.
    pub first: FxMap<String, usize>,
    /// The ends of the keys of `first`.
    first_ends: Ends,
}

impl Gazetteer {
    /// The most tokens a place starting with `word` can span, or 0.
    pub fn span_from(&self, word: &str) -> usize {
        if word.len() <= 32 && word.is_ascii() {
            let mut buf = [0u8; 32];
            let mut n = 0;
            for b in word.bytes().filter(|b| !matches!(b, b'.' | b'\'')) {
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
            let key = std::str::from_utf8(&buf[..n]).unwrap_or("");
            if !self.first_ends.may_hold(key) {
                return 0;
            }
            self.first.get(key).copied().unwrap_or(0)
        } else {
            let key = name_key(word);
            let head = key.split(' ').next().unwrap_or("");
            self.first.get(head).copied().unwrap_or(0)
        }
    }
}

pub(crate) fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut names = Vec::new();
        let mut forms = FxMap::default();
        for line in COUNTRIES.lines().filter(|l| !l.is_empty()) {
            let mut fields = line.split(';');
            let name = fields.next().unwrap_or_default();
            let aliases = fields.next().unwrap_or_default();
            let demonyms = fields.next().unwrap_or_default();
            let capitals = fields.next().unwrap_or_default();
            let id = names.len() as u16;
            names.push(name);
            let mut add = |form: &str, demonym: bool| {
                let key = name_key(form);
                // First entry wins: "Korea" is its own place, never a demonym.
                forms.entry(key).or_insert(Place { id, demonym });
            };
            add(name, false);
            for a in aliases.split('|').filter(|a| !a.is_empty()) {
                add(a, false);
            }
            for c in capitals.split('|').filter(|a| !a.is_empty()) {
                add(c, false);
            }
            for d in demonyms.split('|').filter(|a| !a.is_empty()) {
                add(d, true);
                if !(d.ends_with("ese")
                    || d.ends_with("sh")
                    || d.ends_with("ch")
                    || d.ends_with('s'))
                {
                    add(&format!("{d}s"), true);
                }
            }
        }
        let mut first: FxMap<String, usize> = FxMap::default();
        for key in forms.keys() {
            let words = key.split(' ').count();
            let head = key.split(' ').next().unwrap_or("").to_string();
            let e = first.entry(head).or_insert(0);
            *e = (*e).max(words + 1);
        }
        let first_ends = Ends::of(first.keys().map(String::as_str));
        Gazetteer {
            names,
            forms,
            first,
            first_ends,
        }
    })
}

/// The comparison key of a name: folded, hyphens and dots dropped or spaced,
/// possessive removed. "U.S." and "US" share a key, as do "Costa-Rica" and
/// "Costa Rica".
pub(crate) fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    name_key_into(s, &mut String::new(), &mut out);
    out
}

/// [`name_key`] into `out`, with `flat` as scratch; both are cleared first.
/// Look-ups in the gazetteer go through here without allocating a key.
pub(crate) fn name_key_into(s: &str, flat: &mut String, out: &mut String) {
    let special = |c: char| {
        matches!(
            c,
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_' | '.' | '\'' | '\u{2019}'
        )
    };
    // Most names have none of the characters dropped or spaced: fold as is.
    if !s.contains(special) {
        crate::fold::fold_into(s, out);
        return;
    }
    flat.clear();
    for c in s.chars() {
        match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_' => flat.push(' '),
            '.' | '\'' | '\u{2019}' => {}
            _ => flat.push(c),
        }
    }
    crate::fold::fold_into(flat, out);
}

/// A set of words, with which first and last bytes its words have at each
/// length: most words asked about share neither with any word of the set,
/// and are answered without hashing.
pub(crate) struct WordSet {
    set: FxSet<&'static str>,
    ends: Ends,
}

/// Which first and last bytes the words of a table have at each length
/// below 32: a word outside them is in no such table.
pub(crate) struct Ends {
    first: [u32; 32],
    last: [u32; 32],
}

impl Ends {
    pub(crate) fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut first = [0; 32];
        let mut last = [0; 32];
        for w in words {
            let b = w.as_bytes();
            // Longer (and empty) words are always looked up.
            if let (Some(f), Some(z), true) = (b.first(), b.last(), b.len() < 32) {
                first[b.len()] |= byte_bit(*f);
                last[b.len()] |= byte_bit(*z);
            }
        }
        Ends { first, last }
    }

    /// False when no word of the table can be `w`.
    pub(crate) fn may_hold(&self, w: &str) -> bool {
        let b = w.as_bytes();
        match (b.first(), b.last(), b.len() < 32) {
            (Some(f), Some(z), true) => self.may_hold_ends(b.len(), *f, *z),
            _ => true,
        }
    }

    fn may_hold_ends(&self, len: usize, first: u8, last: u8) -> bool {
        self.first[len] & byte_bit(first) != 0 && self.last[len] & byte_bit(last) != 0
    }
}

/// A byte's bit in [`WordSet`]: one per ASCII lower-case letter, one for
/// every other byte.
fn byte_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        1 << 26
    }
}

impl WordSet {
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let set: FxSet<&'static str> = words.into_iter().collect();
        let ends = Ends::of(set.iter().copied());
        WordSet { set, ends }
    }

    pub(crate) fn contains(&self, w: &str) -> bool {
        self.ends.may_hold(w) && self.set.contains(w)
    }

    /// `contains` of `w` lower-cased: an ASCII word is first tested by its
    /// ends, lower-cased, so that most words are never copied.
    pub(crate) fn contains_lowered(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if let (Some(f), Some(z), true) = (b.first(), b.last(), b.len() < 32 && w.is_ascii()) {
            if !self
                .ends
                .may_hold_ends(b.len(), f.to_ascii_lowercase(), z.to_ascii_lowercase())
            {
                return false;
            }
        }
        with_lower(w, |l| self.contains(l))
    }
}

macro_rules! word_set {
    ($name:ident, $words:expr) => {
        pub(crate) fn $name(w: &str) -> bool {
            static S: OnceLock<WordSet> = OnceLock::new();
            S.get_or_init(|| WordSet::new($words.split_whitespace()))
                .contains(w)
        }
    };
}

// Titles that make the capitalised words after them a person's name.
pub(crate) fn title_words() -> &'static WordSet {
    static S: OnceLock<WordSet> = OnceLock::new();
    S.get_or_init(|| {
        WordSet::new(
            "president vice-president premier chancellor minister secretary ambassador envoy governor \
     senator representative congressman congresswoman mayor king queen prince princess emperor \
     empress pope general admiral colonel commander lieutenant captain major sergeant chairman \
     chairwoman chairperson chair director spokesman spokeswoman spokesperson judge justice \
     mr mrs ms dr prof professor sir dame lord lady rep sen gov gen pres rev reverend sheikh \
     ceo cfo commissioner chief leader councillor councilor lawmaker attorney cardinal bishop \
     archbishop rabbi imam superintendent inspector detective officer minister-president"
                .split_whitespace(),
        )
    })
}

pub(crate) fn is_title(w: &str) -> bool {
    title_words().contains(w)
}

/// Honorifics and ranks written with a dot before a name, as written:
/// the tokeniser keeps their dot, the sentence splitter never ends there.
pub(crate) fn is_dotted_honorific(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Adm"
            | "Maj"
            | "Cmdr"
            | "Rev"
            | "Pres"
            | "Supt"
            | "Det"
            | "Hon"
            | "Sr"
            | "Jr"
            | "St"
            | "Mt"
            | "Ft"
    )
}

// Honorifics with a dot: "Dr." before a name.
word_set!(
    is_honorific,
    "mr mrs ms dr prof sir dame lord lady rep sen gov gen rev"
);

// Capitalised words that qualify a title rather than name anyone: "Prime"
// Minister, "Foreign" Secretary, "Trade" Minister.
word_set!(
    is_title_modifier,
    "prime deputy vice acting former first chief foreign defence defense trade finance \
     interior home justice health education energy state economy economic industry labour \
     labor culture environment agriculture transport security national senior top crown \
     grand supreme associate assistant executive managing general special high"
);

// Words that head an organisation's name anywhere in it.
word_set!(
    is_org_head,
    "organization organisation ministry agency inc corp corporation company co ltd llc plc \
     party union council committee commission bank university college institute institution \
     association federation foundation fund group command court assembly parliament congress \
     senate administration department office bureau service services forces force army navy \
     military guard police staff chiefs industries industry holdings times news post herald \
     press journal tribune gazette network broadcasting broadcaster television radio \
     society club league alliance coalition front movement authority board cabinet government \
     centre center studies school hospital church airlines airways motors electronics \
     technologies systems media house capital partners securities ventures labs treaty agreement accord pact convention organization's"
);

// Final words that make a name a place.
word_set!(
    is_place_head,
    "sea ocean island islands isles peninsula strait straits river mountain mountains \
     province state county city region bay gulf lake valley street square desert coast \
     canal border zone district prefecture territory territories plateau basin park"
);

// Compass words that prefix a region: "Northeast Asia".
word_set!(
    is_compass,
    "north south east west northern southern eastern western northeast northwest \
     southeast southwest northeastern northwestern southeastern southwestern central"
);

// Connectors allowed inside a name between capitalised words.
word_set!(
    is_name_connector,
    "of for de del della der di du la le van von bin al da dos das y et"
);

// Capitalised words that never start or make up a name on their own.
pub(crate) fn calendar_words() -> &'static WordSet {
    static S: OnceLock<WordSet> = OnceLock::new();
    S.get_or_init(|| {
        WordSet::new(
            "monday tuesday wednesday thursday friday saturday sunday january february march \
     april may june july august september october november december jan feb mar apr jun \
     jul aug sep sept oct nov dec"
                .split_whitespace(),
        )
    })
}

// Frequent words that start sentences; capitalised there, they name nothing.
word_set!(
    is_common_word,
    "a an the this that these those it its he she they we i you his her their our my your \
     him them us there here what which who whom whose when where why how whether if then \
     than and or but nor so yet for of to in on at by from with without within about above \
     below under over after before during since until while although though because as \
     into onto upon through throughout across against among amid amidst between behind \
     beyond despite toward towards via per instead meanwhile however moreover furthermore \
     nevertheless nonetheless additionally also even still just only now today tomorrow \
     yesterday tonight last next first second third finally later earlier recently already \
     again all both each every either neither some many much more most few several other \
     another such no not none nothing one two three four five six seven eight nine ten \
     is are was were be been being has have had do does did will would shall should can \
     could may might must let many once twice according asked said says told added \
     introduction background conclusion summary update analysis opinion editorial \
     overall indeed thus hence therefore otherwise perhaps maybe certainly clearly \
     ahead around near inside outside beside besides unlike like except following \
     prior under whereas whatever whoever whenever wherever yes"
);

// Lower-case words that may stand inside a Title-Case heading.
pub(crate) const MINOR_WORDS: &str =
    "a an the and or but nor of to in on at by for from with as into via vs over up out";

// Words of web pages rather than of articles. Strong ones almost never
// appear in news prose; weak ones do, so only their density counts.
pub(crate) const UI_STRONG: &str = "subscribe subscribed subscribing privacy subscription subscriptions unsubscribe newsletter newsletters email \
     e-mail emails cookie cookies recaptcha captcha login signup sign-up advertisement \
     advertisements advertising sponsored copyright whatsapp facebook twitter linkedin \
     instagram youtube telegram pinterest reddit tiktok getty pdf print printable reply \
     replies comments";

pub(crate) const UI_WEAK: &str =
    "share shares sign signing log photo photos photograph credit credits image images \
     reuters ap afp epa xinhua pool rights reserved policy terms link links source click tap \
     follow tags related read more posts author authors required fields published website site \
     app account service comment download newsletter's via file";

// Agencies and words that make a short trailing segment a photo credit.
word_set!(
    is_credit_word,
    "reuters ap afp epa getty pool photo photos image images credit xinhua yonhap kyodo \
     bloomberg shutterstock file handout anadolu ani pti"
);

/// Verbs that attribute a statement to a speaker. A `match`, not a hashed
/// set: it is asked of every word of every sentence.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "tell"
            | "tells"
            | "stated"
            | "states"
            | "added"
            | "adds"
            | "announced"
            | "announces"
            | "noted"
            | "notes"
            | "argued"
            | "argues"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "insisted"
            | "insists"
            | "wrote"
            | "writes"
            | "tweeted"
            | "reported"
            | "reports"
            | "confirmed"
            | "confirms"
            | "explained"
            | "explains"
            | "declared"
            | "declares"
            | "stressed"
            | "stresses"
            | "emphasized"
            | "emphasised"
            | "commented"
            | "remarked"
    )
}

// Verbs whose infinitive complement carries the real predicate, with the
// modality they lend it.
pub(crate) fn control_verb(stem: &str) -> Option<super::claims::Modality> {
    use super::claims::Modality::*;
    Some(match stem {
        "agre" | "pledg" | "promis" | "vow" | "commit" | "decid" | "resolv" | "consent" => Agreed,
        "plan" | "intend" | "aim" | "seek" | "want" | "hop" | "prepar" | "wish" | "tri"
        | "attempt" | "propos" | "offer" => Intended,
        "expect" | "set" | "du" | "likeli" | "schedul" => Expected,
        "threaten" => Threatened,
        _ => return None,
    })
}

/// Irregular past forms and participles mapped to their base form.
pub(crate) fn irregular(w: &str) -> Option<&'static str> {
    static M: OnceLock<(Ends, FxMap<&'static str, &'static str>)> = OnceLock::new();
    let (ends, map) = M.get_or_init(|| {
        let pairs = "said:say told:tell met:meet went:go gone:go took:take taken:take held:hold \
            made:make gave:give given:give came:come began:begin begun:begin brought:bring \
            bought:buy built:build caught:catch chose:choose chosen:choose did:do done:do \
            drew:draw drawn:draw drove:drive driven:drive fell:fall fallen:fall felt:feel \
            fought:fight found:find flew:fly flown:fly forgot:forget forgotten:forget \
            forgave:forgive forgiven:forgive froze:freeze frozen:freeze got:get gotten:get \
            grew:grow grown:grow had:have has:have heard:hear hid:hide hidden:hide hit:hit \
            kept:keep knew:know known:know laid:lay led:lead left:leave lent:lend lost:lose \
            meant:mean paid:pay ran:run rose:rise risen:rise saw:see seen:see sent:send \
            set:set shook:shake shot:shoot showed:show shown:show shut:shut sold:sell \
            sought:seek spoke:speak spoken:speak spent:spend stood:stand stole:steal \
            stolen:steal struck:strike swore:swear sworn:swear taught:teach thought:think \
            threw:throw thrown:throw understood:understand undertook:undertake \
            undertaken:undertake won:win withdrew:withdraw withdrawn:withdraw wrote:write \
            written:write broke:break broken:break was:be were:be is:be are:be been:be am:be \
            overtook:overtake sank:sink sunk:sink spread:spread split:split cut:cut put:put \
            quit:quit let:let bore:bear borne:bear beat:beat beaten:beat bound:bind \
            fed:feed fled:flee forbade:forbid forbidden:forbid hung:hang lay:lie lain:lie \
            mistook:mistake overcame:overcome rode:ride ridden:ride rang:ring sang:sing \
            sat:sit slept:sleep slid:slide sped:speed stuck:stick stung:sting strove:strive \
            swept:sweep swam:swim swung:swing tore:tear torn:tear upheld:uphold wore:wear \
            worn:wear wound:wind woke:wake woken:wake ate:eat eaten:eat children:child \
            men:man women:woman people:person";
        let map: FxMap<&'static str, &'static str> = pairs
            .split_whitespace()
            .filter_map(|p| p.split_once(':'))
            .collect();
        (Ends::of(map.keys().copied()), map)
    });
    if !ends.may_hold(w) {
        return None;
    }
    map.get(w).copied()
}
