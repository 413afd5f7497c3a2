//! Generated news stories: invented towns, people and events, written by templates in this
//! file (every sentence pattern is this project's own), expanded with a seeded random choice
//! so the same seed gives the same stories.
//!
//! Template syntax: `{slot}` is a fact of the story (town, official, numbers, ...), `[a|b|c]`
//! picks one alternative. Stories of one topic share templates, which is what makes them hard
//! negatives for dedup: the same phrasing with different facts and order.

use crate::warc::splitmix;

/// A seeded random source (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(splitmix(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        splitmix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn pick_str(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const FIRST: &[&str] = &[
    "Maren", "Tobias", "Ilse", "Dario", "Femi", "Lucia", "Anders", "Priya", "Joaquin", "Hana",
    "Oskar", "Nadia", "Ewan", "Sofia", "Kofi", "Greta", "Mateo", "Ingrid", "Rafael", "Amara",
    "Henrik", "Leila", "Casimir", "Yara", "Bastian", "Odile", "Tariq", "Freya", "Luca", "Esme",
    "Ronan", "Talia", "Viktor", "Noor", "Emil", "Carmen", "Idris", "Signe", "Paolo", "Wren",
];
const LAST: &[&str] = &[
    "Alder",
    "Brandt",
    "Castell",
    "Dunmore",
    "Everly",
    "Fairholt",
    "Garrow",
    "Hessel",
    "Ivers",
    "Jarrow",
    "Kestner",
    "Lindqvist",
    "Marlowe",
    "Norcott",
    "Okafor",
    "Pellman",
    "Quayle",
    "Rossiter",
    "Selwyn",
    "Tamsin",
    "Ullmer",
    "Varga",
    "Whitlock",
    "Yelland",
    "Zorin",
    "Achebe",
    "Bellamy",
    "Corrigan",
    "Delacroix",
    "Eckhart",
    "Fennimore",
    "Gallo",
    "Holloway",
    "Ibarra",
    "Juniper",
    "Kowalczyk",
    "Larkin",
    "Moreau",
    "Nakamura",
    "Ostrowski",
];
const TOWN_A: &[&str] = &[
    "Cal", "Mar", "Bel", "Ash", "Dun", "Rav", "Hol", "Kel", "Thorn", "Wil", "Bram", "Stan",
    "Crest", "Fen", "Gar", "Lin",
];
const TOWN_B: &[&str] = &[
    "lister", "ford", "ham", "wick", "moor", "enhurst", "brook", "stead", "ridge", "mouth",
    "field", "haven", "worth", "dale", "port", "cliff",
];
const TOWN_PRE: &[&str] = &[
    "", "", "", "Port ", "North ", "East ", "Lake ", "Fort ", "Upper ",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A topic: its headline patterns, the sentences only it uses, and the roles and bodies its
/// stories involve.
pub struct Topic {
    pub name: &'static str,
    headlines: &'static [&'static str],
    sentences: &'static [&'static str],
    roles: &'static [&'static str],
    orgs: &'static [&'static str],
    things: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        name: "flood",
        headlines: &[
            "{town} [braces for|prepares for|faces] more flooding as {river} [rises|keeps rising]",
            "Floodwater [closes|cuts off] {count} roads [around|near] {town}",
            "{official} [says|warns] {town} [flood defences|levees] [will hold|need urgent work]",
        ],
        sentences: &[
            "The {river} [rose|climbed] {num} [centimetres|inches] [overnight|in six hours], [according to|said] the {org}.",
            "[Sandbags were|Crews handed out sandbags] at {count} [depots|sites] across {town} [on {day}|by {day} evening].",
            "[Residents of|People living in] the lower streets [were told|were urged] to move [cars|valuables] to higher ground.",
            "{official} said the {thing} [had held so far|was being watched around the clock] and that [pumps|extra pumps] were [running|on their way].",
            "[Schools in|Two schools in] {town} [stayed closed|closed early] [on {day}|for a second day] as [buses|school buses] could not [reach|get through to] [outlying|rural] farms.",
            "The {org} [expected|forecast] the [water|river] to [peak|crest] [late on {day}|early {day}] [before falling|and then to ease] slowly.",
            "[Farmers|Several farmers] east of {town} said [fields of|their] {crop} were [under water|flooded] for the [second|third] time in {num2} years.",
            "An [emergency shelter|evacuation centre] [opened|was opened] at the {venue}, where [volunteers|staff] [served|handed out] [hot meals|soup and blankets].",
            "[Insurance|Damage] [estimates|assessors] [will|would] not [be known|arrive] until the water [goes down|recedes], {official} said.",
        ],
        roles: &[
            "mayor",
            "emergency manager",
            "county engineer",
            "fire chief",
        ],
        orgs: &["river authority", "regional weather office", "water board"],
        things: &["old dam", "eastern levee", "flood wall", "pumping station"],
    },
    Topic {
        name: "council",
        headlines: &[
            "{town} council [approves|backs|passes] {money} budget [after long debate|in narrow vote]",
            "[Property tax|Rates] [to rise|set to climb] {pct} in {town}",
            "{official} [defends|stands by] spending plan [as critics object|amid protests]",
        ],
        sentences: &[
            "The council [voted|decided] {count} to {count2} [on {day}|late on {day}] to [approve|adopt] a {money} budget for the coming year.",
            "[Property taxes|Local rates] will [rise|go up] by {pct} [under the plan|as a result], the first increase in {num2} years.",
            "{official} said the [money|extra revenue] would [pay for|go towards] the {thing} and [more|additional] [street repairs|park staff].",
            "[Opponents|Two members who voted against it] [argued|said] the [plan|budget] [leaned too heavily on|relied on] [reserves|one-off grants].",
            "[About|Some] {num} residents [packed|filled] the [chamber|hall] [for the meeting|to speak], [many|several] of them [opposed to|angry about] the [library|pool] cuts.",
            "The [finance director|treasurer] [warned|cautioned] that [pension costs|fuel bills] [would|could] [grow|rise] [faster than expected|again] next year.",
            "[A final|The last] [vote|reading] on the [tax rate|levy] is [scheduled|expected] for {month}.",
            "[Union leaders|Staff representatives] said [they would|they planned to] [study|look closely at] the [staffing|hiring] [figures|plans] before [responding|commenting].",
        ],
        roles: &[
            "mayor",
            "council leader",
            "finance committee chair",
            "deputy mayor",
        ],
        orgs: &["town council", "county board", "city assembly"],
        things: &[
            "new fire station",
            "library renovation",
            "bus depot",
            "harbour wall",
        ],
    },
    Topic {
        name: "transit",
        headlines: &[
            "{town} [rail|tram] line [to close|shut] for {num2} weeks of repairs",
            "Commuters [face|brace for] [delays|disruption] as {org} [starts|begins] track work",
            "[Strike|Walkout] [halts|stops] buses [across|in] {town}",
        ],
        sentences: &[
            "[Trains|Services] between {town} and {town2} will be [replaced by buses|suspended] [from {day}|starting {day}], the {org} said.",
            "[The work|Engineers] will [replace|renew] {num} [metres|kilometres] of track and [repair|strengthen] the {thing}.",
            "{official} [apologised|said sorry] for the [disruption|inconvenience] and [promised|pledged] [faster|more frequent] services [afterwards|once it is done].",
            "[Passenger groups|Commuter associations] [said|complained] the [notice|warning] [was too short|came too late] for [workers|families] to plan.",
            "[Replacement|Shuttle] buses will [run|leave] every {num2} minutes [from the station forecourt|outside the main entrance].",
            "[Ticket|Fare] [holders|prices] [will get|are due] a {pct} [refund|discount] for the [period|weeks] of [closure|the works].",
            "The {thing} [dates|was built] [from|in] the {num3}s and [had|has had] [speed limits|weight limits] on it since [last year|the spring].",
            "[Drivers|The union] said [talks|negotiations] [over pay|on rosters] [had stalled|broke down] [on {day}|earlier this week].",
        ],
        roles: &[
            "transport director",
            "operations manager",
            "rail minister",
            "network chief",
        ],
        orgs: &["regional rail company", "transit authority", "bus operator"],
        things: &[
            "river viaduct",
            "signal box",
            "old tunnel",
            "level crossing",
        ],
    },
    Topic {
        name: "company",
        headlines: &[
            "{company} [profit|earnings] [jumps|rises|falls] {pct} [on|as] [strong|weak] demand",
            "{company} to [cut|add] {count} jobs at {town} plant",
            "{company} [shares|stock] [slide|climb] after [outlook|forecast] [update|change]",
        ],
        sentences: &[
            "{company} [said|reported] on {day} that [quarterly|half-year] profit [rose|fell] {pct} to {money}.",
            "[Sales|Revenue] [reached|came in at] {money2}, [above|below] what [analysts|market watchers] had [expected|forecast].",
            "{official} [said|told investors] demand for [its|the company's] {product} [had|has] [held up|softened] in [Europe|export markets].",
            "The [plant|factory] in {town} [employs|has] {num} [people|workers] and [makes|assembles] {product} [for|mostly for] [export|the home market].",
            "[Shares|The stock] [closed|ended the day] {pct} [higher|lower] [in {town2}|on the exchange].",
            "[The company|{company}] [plans|intends] to [invest|spend] {money2} [on|in] [new lines|automation] [over the next|within] {num2} years.",
            "[Union|Works council] [representatives|officials] said they [had not been|were not] [consulted|told] [in advance|about the plans].",
            "[Analysts|One analyst] [said|noted] [energy costs|raw material prices] [remained|were still] the [biggest|main] [risk|worry] for the [sector|industry].",
        ],
        roles: &["chief executive", "finance chief", "plant manager", "chair"],
        orgs: &["stock exchange", "industry association", "works council"],
        things: &[
            "new production line",
            "warehouse",
            "research centre",
            "paint shop",
        ],
    },
    Topic {
        name: "health",
        headlines: &[
            "{town} hospital [opens|unveils] new {thing}",
            "[Waiting lists|Waits] [grow|shrink] at {town} [clinics|hospitals]",
            "{official} [warns|cautions] of [busy|hard] winter [for|at] {org}",
        ],
        sentences: &[
            "The {thing} [will|can] [treat|see] [up to|about] {num} patients a [week|month], the {org} said.",
            "[Patients|People] [in|around] {town} [had|have had] to travel to {town2} for [scans|treatment] [until now|for years].",
            "{official} said [staffing|recruitment] [remained|was still] the [hardest|biggest] [problem|challenge] and that {count} [nurses|doctors] [had been|were] hired.",
            "[Waiting times|Average waits] for [routine|planned] [operations|surgery] [fell|rose] to {num2} weeks, [figures|new figures] [showed|published on {day} showed].",
            "The [project|building] cost {money} and was [paid for|funded] [partly|largely] by [donations|a regional grant].",
            "[Flu|Winter] [admissions|cases] [were|are] [already|now] [higher|running higher] than [at this point|this time] last year.",
            "[Visitors|Families] [were asked|are being asked] to [wear masks|stay away] if they [had|have] [a cold|symptoms].",
        ],
        roles: &[
            "hospital director",
            "health minister",
            "chief nurse",
            "medical director",
        ],
        orgs: &[
            "regional health board",
            "hospital trust",
            "public health office",
        ],
        things: &[
            "cancer unit",
            "maternity ward",
            "scanning centre",
            "children's clinic",
        ],
    },
    Topic {
        name: "court",
        headlines: &[
            "{person} [found guilty|convicted|cleared] in {town} [fraud|corruption] case",
            "Judge [sentences|jails] former {role} [to|for] {num2} years",
            "[Trial|Hearing] of {person} [opens|begins] in {town}",
        ],
        sentences: &[
            "[A jury|The court] in {town} [found|ruled] that {person} had [taken|diverted] {money} from the {org}.",
            "[Prosecutors|The prosecution] [said|argued] the [payments|transfers] [ran|continued] for {num2} years [before|until] an [audit|inspection] [found|uncovered] them.",
            "[Defence lawyers|Lawyers for {person}] [said|told the court] [their client|he] [would|planned to] appeal.",
            "[The judge|Judge {official}] [said|noted] the [case|offence] [had|has] [damaged|shaken] [trust|public trust] in the {org}.",
            "{person}, {num3}, [had denied|denied] all [charges|counts] and [spoke|said little] [only briefly|at the hearing].",
            "[Sentencing|A sentencing hearing] [is set|was scheduled] for {month}.",
            "[Former colleagues|Witnesses] [told|testified to] the court that [warnings|concerns] [had been|were] [ignored|raised] [as early as|in] {year}.",
        ],
        roles: &["treasurer", "harbour master", "school bursar", "councillor"],
        orgs: &[
            "port authority",
            "school trust",
            "sports club",
            "housing association",
        ],
        things: &["accounts", "ledger", "payroll", "grant fund"],
    },
    Topic {
        name: "fire",
        headlines: &[
            "[Wildfire|Fire] [forces|prompts] evacuations [near|outside] {town}",
            "Crews [contain|battle] [blaze|fire] [on|in] {hills}",
            "{count} homes [lost|destroyed] as fire [sweeps|spreads] through {hills}",
        ],
        sentences: &[
            "The fire [had burned|has burned] [about|some] {num} hectares [by|as of] {day} [evening|afternoon], the {org} said.",
            "[Strong winds|Gusty winds] [pushed|drove] the [flames|fire] [towards|toward] the [edge of|outskirts of] {town}.",
            "{count} [families|households] [were evacuated|left their homes] and [spent the night|stayed] at the {venue}.",
            "{official} said [crews|firefighters] [had|have] [cut|cleared] [firebreaks|a firebreak] [along|on] the [ridge|eastern slope].",
            "[Water bombers|Helicopters] [from|sent from] {town2} [joined|helped] [the effort|ground crews] [at first light|on {day}].",
            "[The cause|What started the fire] [was|is] [not yet known|under investigation].",
            "[Roads|The main road] [into|around] {hills} [stayed|remained] [closed|shut] [and drivers were told|with drivers told] to [avoid|stay away from] the area.",
        ],
        roles: &[
            "fire chief",
            "incident commander",
            "regional governor",
            "forest ranger",
        ],
        orgs: &["fire service", "forestry agency", "civil protection office"],
        things: &[
            "firebreak",
            "water tanker",
            "lookout tower",
            "relay station",
        ],
    },
    Topic {
        name: "school",
        headlines: &[
            "{town} [school|college] [plans|proposal] [splits|divides] parents",
            "[New|Extra] {thing} [for|at] {town} schools [approved|agreed]",
            "[Exam|Test] results [rise|fall] [at|across] {town} schools",
        ],
        sentences: &[
            "The {org} [wants|plans] to [merge|combine] {count} [primary|junior] schools [into one|on a single site] by {year}.",
            "[Parents|A group of parents] [collected|gathered] {num} signatures [against|opposing] the [plan|proposal] [in|within] {num2} days.",
            "{official} said [falling|lower] [pupil numbers|enrolment] [left|gave] the [board|trust] [little|no] choice.",
            "[Results|Scores] in [maths|reading] [improved|rose] by {pct} [compared with|on] last year, [figures|data] [showed|show].",
            "[Teachers|Staff] [said|warned] [class sizes|classes] [would|could] [grow|reach] [to|as high as] {num2} [pupils|children].",
            "The {thing} [will|would] [cost|need] {money} and [open|be ready] [in|by] {month}.",
            "[A public meeting|A consultation evening] [is planned|will be held] at the {venue} [on|next] {day}.",
        ],
        roles: &[
            "head teacher",
            "education director",
            "board chair",
            "school governor",
        ],
        orgs: &["school board", "education trust", "county education office"],
        things: &[
            "sports hall",
            "science block",
            "bus route",
            "breakfast club",
        ],
    },
];

/// Sentences any topic uses: quotes, background, what happens next.
const GENERIC: &[&str] = &[
    "\u{201c}[We are doing|We have done] everything we can,\u{201d} {official} said. \u{201c}[People|Everyone] [should|needs to] [be patient|keep listening for updates].\u{201d}",
    "[Local|Nearby] [businesses|shop owners] said [trade|footfall] [had|has] [dropped|fallen] [sharply|by half] [since|over] the [weekend|past week].",
    "[A spokeswoman|A spokesman] for the {org} [said|confirmed] [a review|an inquiry] [would|will] [follow|take place].",
    "{person}, who [has lived|has worked] in {town} for {num2} years, said [it was|this was] the [worst|biggest] [such event|change] [she could remember|he had seen].",
    "[The|A] [regional|national] [minister|government] [promised|offered] {money} in [emergency|extra] [support|aid] [on {day}|later on {day}].",
    "[Officials|Authorities] [will|plan to] [publish|give] [an update|further details] [on {day}|later in the week].",
    "[Critics|Some residents] [said|argued] the [warnings|plans] [came|had come] [too late|without enough consultation].",
    "{town} [last|previously] [faced|saw] [a similar|a comparable] [crisis|situation] in {year}, when {count} [people|families] were [affected|involved].",
    "[Opposition|Independent] members [called for|demanded] [a full|an independent] [report|inquiry] [into|on] the {thing}.",
    "The {org} [has|had] [asked|urged] [the public|residents] to [check|follow] its [website|notices] for [changes|the latest information].",
    "[Asked|Pressed] about [costs|the timetable], {official} [declined to give|would not give] [a figure|a date].",
    "[About|Roughly] {pct} of [households|residents] in {town} [rely on|depend on] the {thing}, [according to|based on] [council|official] figures.",
];

/// Paragraphs a local paper adds to a wire story.
const LOCAL: &[&str] = &[
    "[In|Closer to home, in] {town2}, [residents|readers] [told|contacted] the {paper} [that|to say] the [news|story] [had|has] [left them worried|raised questions] about [their own|local] [services|plans].",
    "[Our|The {paper}'s] [reporter|correspondent] [visited|went to] {venue2} [on {day}|this week], where [people|shoppers] [were already|had begun] [talking about|discussing] [it|the decision].",
    "{person2}, [a|the] [local|{town2}] [councillor|business owner], said [the same|similar] [could|might] [happen|be tried] [here|in {town2}] [within|in] {num2} years.",
    "[The {paper} asked|We asked] the [county|district] [office|council] [whether|if] [anything|any plans] [would change|were changing] [locally|in {town2}]; [it did not respond|no answer had come] by [publication|press time].",
];

/// The facts of one story.
#[derive(Clone, Debug)]
pub struct Facts {
    pub topic: usize,
    pub town: String,
    pub town2: String,
    pub official: String,
    pub role: String,
    pub person: String,
    pub person2: String,
    pub org: String,
    pub thing: String,
    pub company: String,
    pub river: String,
    pub hills: String,
    pub venue: String,
    pub venue2: String,
    pub crop: String,
    pub product: String,
    pub day: String,
    pub month: String,
    pub year: u32,
    pub nums: [u32; 6],
}

pub fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

pub fn town(rng: &mut Rng) -> String {
    format!(
        "{}{}{}",
        rng.pick(TOWN_PRE),
        rng.pick(TOWN_A),
        rng.pick(TOWN_B)
    )
}

impl Facts {
    pub fn new(rng: &mut Rng, topic: usize) -> Facts {
        let t = &TOPICS[topic];
        let town_name = town(rng);
        Facts {
            topic,
            town2: town(rng),
            official: name(rng),
            role: rng.pick(t.roles).to_string(),
            person: name(rng),
            person2: name(rng),
            org: rng.pick(t.orgs).to_string(),
            thing: rng.pick(t.things).to_string(),
            company: format!(
                "{}{}",
                rng.pick(TOWN_A),
                rng.pick(&[" Industries", " Foods", " Motors", " Textiles", " Systems"])
            ),
            river: format!(
                "{}{} River",
                rng.pick(TOWN_A),
                rng.pick(&["e", "ow", "ey", "ane"])
            ),
            hills: format!(
                "the {}{} hills",
                rng.pick(TOWN_A),
                rng.pick(&["den", "ley", "ton"])
            ),
            venue: rng
                .pick(&[
                    "sports centre",
                    "community hall",
                    "old market hall",
                    "town library",
                    "leisure centre",
                ])
                .to_string(),
            venue2: rng
                .pick(&[
                    "the Saturday market",
                    "the harbour cafe",
                    "the high street",
                    "the station square",
                ])
                .to_string(),
            crop: rng
                .pick(&["wheat", "barley", "potatoes", "sugar beet", "maize"])
                .to_string(),
            product: rng
                .pick(&[
                    "electric vans",
                    "frozen meals",
                    "wind turbine parts",
                    "kitchen appliances",
                    "packaging",
                ])
                .to_string(),
            day: rng.pick(DAYS).to_string(),
            month: rng.pick(MONTHS).to_string(),
            year: 1990 + rng.below(30) as u32,
            nums: [
                10 + rng.below(990) as u32,
                2 + rng.below(14) as u32,
                3 + rng.below(40) as u32,
                1 + rng.below(19) as u32,
                5 + rng.below(80) as u32,
                (19 + rng.below(8)) as u32 * 10,
            ],
            town: town_name,
        }
    }

    /// The value of a `{slot}`.
    fn slot(&self, name: &str, paper: &str) -> String {
        let n = &self.nums;
        match name {
            "town" => self.town.clone(),
            "town2" => self.town2.clone(),
            "official" => format!("{} {}", capital(&self.role), self.official),
            "role" => self.role.clone(),
            "person" => self.person.clone(),
            "person2" => self.person2.clone(),
            "org" => self.org.clone(),
            "thing" => self.thing.clone(),
            "company" => self.company.clone(),
            "river" => self.river.clone(),
            "hills" => self.hills.clone(),
            "venue" => self.venue.clone(),
            "venue2" => self.venue2.clone(),
            "crop" => self.crop.clone(),
            "product" => self.product.clone(),
            "day" => self.day.clone(),
            "month" => self.month.clone(),
            "year" => self.year.to_string(),
            "num" => n[0].to_string(),
            "num2" => n[1].to_string(),
            "num3" => n[5].to_string(),
            "count" => n[2].to_string(),
            "count2" => n[3].to_string(),
            "pct" => format!("{} percent", n[3]),
            "money" => format!("{}.{} million euros", n[2], n[1] % 10),
            "money2" => format!("{} million euros", n[4]),
            "paper" => paper.to_owned(),
            _ => format!("{{{name}}}"),
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Expands a template: `{slot}`s from the facts, `[a|b]` choices from `rng`.
pub fn expand(template: &str, facts: &Facts, paper: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '[']) {
        out.push_str(&rest[..i]);
        let open = rest.as_bytes()[i];
        let close = if open == b'{' { '}' } else { ']' };
        let Some(j) = rest[i..].find(close) else {
            out.push_str(&rest[i..]);
            return out;
        };
        let inner = &rest[i + 1..i + j];
        if open == b'{' {
            out.push_str(&facts.slot(inner, paper));
        } else {
            let options: Vec<&str> = inner.split('|').collect();
            // A choice may hold slots: expand it too.
            let chosen = *rng.pick(&options);
            out.push_str(&expand(chosen, facts, paper, rng));
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    capital(&out)
}

/// A generated story: headline and body paragraphs.
#[derive(Clone, Debug)]
pub struct Story {
    pub facts: Facts,
    pub headline: String,
    pub paragraphs: Vec<String>,
}

impl Story {
    /// A story on `topic`: 8-13 paragraphs of 1-3 sentences from the topic's and the generic
    /// templates, each template used at most once.
    pub fn new(rng: &mut Rng, topic: usize) -> Story {
        let facts = Facts::new(rng, topic);
        Story::with_facts(rng, facts)
    }

    pub fn with_facts(rng: &mut Rng, facts: Facts) -> Story {
        let t = &TOPICS[facts.topic];
        let pattern = rng.pick_str(t.headlines);
        let headline = expand(pattern, &facts, "", rng);
        let mut pool: Vec<&str> = t.sentences.iter().chain(GENERIC).copied().collect();
        // Shuffle (Fisher-Yates).
        for i in (1..pool.len()).rev() {
            let j = rng.below(i + 1);
            pool.swap(i, j);
        }
        let n_par = rng.range(8, 13);
        let mut paragraphs = Vec::new();
        let mut next = 0;
        for p in 0..n_par {
            let k = if p == 0 { 2 } else { rng.range(1, 2) };
            let mut sentences = Vec::new();
            for _ in 0..k {
                if next == pool.len() {
                    break;
                }
                sentences.push(expand(pool[next], &facts, "", rng));
                next += 1;
            }
            if sentences.is_empty() {
                break;
            }
            paragraphs.push(sentences.join(" "));
        }
        Story {
            facts,
            headline,
            paragraphs,
        }
    }

    /// Another headline for the same story, as an editor rewrites it.
    pub fn rewritten_headline(&self, rng: &mut Rng) -> String {
        let t = &TOPICS[self.facts.topic];
        for _ in 0..8 {
            let pattern = rng.pick_str(t.headlines);
            let h = expand(pattern, &self.facts, "", rng);
            if h != self.headline {
                return h;
            }
        }
        format!("{}: what we know", self.headline)
    }

    /// A paragraph a local paper adds.
    pub fn local_paragraph(&self, rng: &mut Rng, paper: &str) -> String {
        let mut facts = self.facts.clone();
        facts.town2 = town(rng);
        facts.person2 = name(rng);
        let pattern = rng.pick_str(LOCAL);
        expand(pattern, &facts, paper, rng)
    }
}

/// Light copy-editing: a few sentences reworded, one paragraph dropped, two merged.
pub fn edit(paragraphs: &[String], rng: &mut Rng) -> Vec<String> {
    let swaps: &[(&str, &str)] = &[
        (" said ", " told reporters "),
        (" percent", "%"),
        (" on Monday", " Monday"),
        (" about ", " around "),
        (" would ", " will "),
    ];
    let mut out: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            let mut p = p.clone();
            for (a, b) in swaps {
                if rng.chance(0.35) {
                    p = p.replacen(a, b, 1);
                }
            }
            p.replace(['\u{201c}', '\u{201d}'], "\"")
        })
        .collect();
    if out.len() > 6 {
        let drop = rng.range(2, out.len() - 2);
        out.remove(drop);
        let merge = rng.range(1, out.len() - 2);
        let next = out.remove(merge + 1);
        out[merge] = format!("{} {next}", out[merge]);
    }
    out
}
