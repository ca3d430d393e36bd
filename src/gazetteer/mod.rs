//! Gazetteers: lists of named entities (companies, banks, organizations,
//! countries, cities, currencies) and the names they go by.
//!
//! A list is a TSV file with a header row (see `gazetteers/README.md`): one
//! row per surface name, rows sharing an `id` are one entity, and the first
//! row of an entity gives its canonical name. `label` is the major type
//! (GATE's majorType) and `form` the minor one (name, alias, adjective ...).
//! `case` says how strictly the name must match the text's letter case,
//! which is how ordinary words that are also names ("turkey", "chad",
//! "china" in "fine china") stay out of the output.

mod matcher;

pub use matcher::{GazMatch, Matcher};

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How a name's letter case must agree with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseRule {
    /// Any case ("huawei", "HUAWEI", "Huawei").
    Fold,
    /// Exactly as listed (acronyms and codes: "ZTE", "US", "USD").
    Exact,
    /// First letter upper case, as a proper noun ("Turkey", "TURKEY"; not "turkey").
    Title,
    /// Like `Title`, and not inside a longer run of capitalized words, for
    /// names that are also given names or parts of other names ("Jordan" but
    /// not "Michael Jordan", "Georgia" but not "Georgia Gulf").
    Proper,
}

impl CaseRule {
    fn parse(s: &str) -> Option<CaseRule> {
        match s {
            "" | "fold" => Some(CaseRule::Fold),
            "exact" => Some(CaseRule::Exact),
            "title" => Some(CaseRule::Title),
            "proper" => Some(CaseRule::Proper),
            _ => None,
        }
    }
}

/// The one shared copy of a label ("company", "country", a user list's own).
///
/// Labels are few (a dozen or so) and are needed for as long as the process
/// runs, so each distinct label is leaked once and every entity and mention
/// holds a `&'static str`: a mention is copied without touching a shared
/// count (an `Arc<str>`'s is one cache line that every worker thread would
/// write for every mention it makes and drops). What is leaked is bounded by
/// the number of distinct labels, not by the lists' size.
pub fn intern_label(label: &str) -> &'static str {
    static LABELS: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut labels = LABELS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&l) = labels.iter().find(|&&l| l == label) {
        return l;
    }
    let l: &'static str = Box::leak(label.to_string().into_boxed_str());
    labels.push(l);
    l
}

fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// One entity: the thing that several names refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    /// Major type: company, bank, organization, country, city, currency ...
    pub label: &'static str,
    /// Canonical name: the entity's first row.
    pub name: String,
    /// ISO 3166-1 alpha-2 code, when the list gives one.
    pub country: Option<String>,
}

/// One surface name of an entity.
#[derive(Clone, Debug)]
pub struct Name {
    pub entity: u32,
    pub surface: String,
    /// Index into [`Gazetteer::forms`].
    pub form: u16,
    pub case: CaseRule,
}

/// A problem in a list, with the file and line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ListError {}

/// All loaded lists. Build a [`Matcher`] from it to search text.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub entities: Vec<Entity>,
    pub names: Vec<Name>,
    /// Minor types (forms), interned; index 0 is the empty form.
    pub forms: Vec<String>,
    /// Entity numbers by the hash of their id (the id itself is in
    /// `entities`): a million-entity list needs no second copy of its ids.
    entity_index: hashbrown::HashTable<u32>,
    form_index: FxHashMap<String, u16>,
}

/// The lists shipped with dealtrace, compiled into the binary. Earlier lists
/// win when two entities share a name, so curated lists come first.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "companies.tsv",
        include_str!("../../gazetteers/companies.tsv"),
    ),
    (
        "countries.tsv",
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        "currencies.tsv",
        include_str!("../../gazetteers/currencies.tsv"),
    ),
    ("cities.tsv", include_str!("../../gazetteers/cities.tsv")),
    (
        "index_companies.tsv",
        include_str!("../../gazetteers/index_companies.tsv"),
    ),
];

impl Gazetteer {
    pub fn new() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.intern_form("");
        g
    }

    /// The bundled lists.
    pub fn bundled() -> Gazetteer {
        let mut g = Gazetteer::new();
        for (name, content) in BUNDLED {
            let errors = g.add_list(name, content);
            debug_assert!(errors.is_empty(), "bundled list {name}: {errors:?}");
        }
        g
    }

    /// Adds a file, or every `.tsv` file of a directory (sorted by name).
    /// Stops at the first malformed line, naming file and line.
    pub fn add_path(&mut self, path: &Path) -> Result<(), ListError> {
        for file in list_files(path)? {
            let content = read_list(&file)?;
            let name = file.display().to_string();
            if let Some(e) = self.add_list(&name, &content).into_iter().next() {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Parses one list and adds its good rows. Returns every malformed line;
    /// a line with a problem is skipped whole.
    pub fn add_list(&mut self, file: &str, content: &str) -> Vec<ListError> {
        let mut errors = Vec::new();
        let err = |line: usize, message: String| ListError {
            file: file.to_string(),
            line,
            message,
        };
        let mut header: Option<Columns> = None;
        // One buffer of cells for every line: a million-name list is parsed
        // without an allocation per line.
        let mut cells: Vec<&str> = Vec::with_capacity(8);
        // Room for every line at once: growing a million-entry table step by
        // step would touch (and have the kernel zero) twice the memory.
        let rows = memchr::memchr_iter(b'\n', content.as_bytes()).count() + 1;
        self.entities.reserve(rows);
        self.names.reserve(rows);
        {
            let entities = &self.entities;
            self.entity_index
                .reserve(rows, |&k| id_hash(&entities[k as usize].id));
        }
        // Lines as `str::lines` cuts them, by a vectorized search for the
        // line ends (a final empty line is skipped below like any other).
        let ends = memchr::memchr_iter(b'\n', content.as_bytes()).chain([content.len()]);
        let mut from = 0;
        for (i, end) in ends.enumerate() {
            let raw = &content[from..end];
            from = end + 1;
            let line_no = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let line = if i == 0 {
                line.strip_prefix('\u{FEFF}').unwrap_or(line)
            } else {
                line
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            cells.clear();
            let mut from = 0;
            for (k, &b) in line.as_bytes().iter().enumerate() {
                if b == b'\t' {
                    cells.push(&line[from..k]);
                    from = k + 1;
                }
            }
            cells.push(&line[from..]);
            let Some(cols) = &header else {
                match Columns::from_header(&cells) {
                    Ok(c) => header = Some(c),
                    Err(m) => {
                        errors.push(err(line_no, m));
                        return errors;
                    }
                }
                continue;
            };
            if cells.len() > cols.width {
                errors.push(err(
                    line_no,
                    format!(
                        "{} cells, but the header names {} columns",
                        cells.len(),
                        cols.width
                    ),
                ));
                continue;
            }
            let cell = |k: Option<usize>| k.and_then(|k| cells.get(k)).map_or("", |s| s.trim());
            let (id, label, name) = (
                cell(Some(cols.id)),
                cell(Some(cols.label)),
                cell(Some(cols.name)),
            );
            if id.is_empty() || label.is_empty() || name.is_empty() {
                errors.push(err(line_no, "id, label and name must not be empty".into()));
                continue;
            }
            let country = cell(cols.country);
            if !(country.is_empty()
                || country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
            {
                errors.push(err(
                    line_no,
                    format!("country {country:?} is not an ISO 3166-1 alpha-2 code"),
                ));
                continue;
            }
            let Some(case) = CaseRule::parse(cell(cols.case)) else {
                errors.push(err(
                    line_no,
                    format!(
                        "case {:?} is not one of fold, exact, title, proper",
                        cell(cols.case)
                    ),
                ));
                continue;
            };
            if !name.chars().any(crate::text::is_word_char) && name.chars().count() > 3 {
                errors.push(err(
                    line_no,
                    format!("name {name:?} has no letters or digits"),
                ));
                continue;
            }
            let entity = self.intern_entity(id, label, name, country);
            if self.entities[entity as usize].label != label {
                errors.push(err(
                    line_no,
                    format!(
                        "id {id:?} was first given label {:?}, here {label:?}",
                        self.entities[entity as usize].label
                    ),
                ));
                continue;
            }
            let form = self.intern_form(cell(cols.form));
            self.names.push(Name {
                entity,
                surface: name.to_string(),
                form,
                case,
            });
        }
        if header.is_none() && errors.is_empty() {
            errors.push(err(1, "no header row (id, label, name, ...)".into()));
        }
        errors
    }

    fn intern_entity(&mut self, id: &str, label: &str, name: &str, country: &str) -> u32 {
        let hash = id_hash(id);
        if let Some(k) = self.entity_number(hash, id) {
            return k;
        }
        let k = self.entities.len() as u32;
        // Lists are grouped by label: most entities share the last one's.
        let label = match self.entities.last() {
            Some(e) if e.label == label => e.label,
            _ => intern_label(label),
        };
        self.entities.push(Entity {
            id: id.to_string(),
            label,
            name: name.to_string(),
            country: (!country.is_empty()).then(|| country.to_string()),
        });
        let entities = &self.entities;
        self.entity_index
            .insert_unique(hash, k, |&k| id_hash(&entities[k as usize].id));
        k
    }

    fn intern_form(&mut self, form: &str) -> u16 {
        if form.is_empty() && self.forms.first().is_some_and(|f| f.is_empty()) {
            return 0;
        }
        if let Some(&k) = self.form_index.get(form) {
            return k;
        }
        let k = self.forms.len() as u16;
        self.forms.push(form.to_string());
        self.form_index.insert(form.to_string(), k);
        k
    }

    pub fn entity(&self, k: u32) -> &Entity {
        &self.entities[k as usize]
    }

    pub fn form(&self, k: u16) -> &str {
        &self.forms[k as usize]
    }

    /// Looks an entity up by id.
    pub fn entity_by_id(&self, id: &str) -> Option<&Entity> {
        self.entity_number(id_hash(id), id).map(|k| self.entity(k))
    }

    /// The number of the entity with this id (`hash` is its [`id_hash`]).
    fn entity_number(&self, hash: u64, id: &str) -> Option<u32> {
        self.entity_index
            .find(hash, |&k| self.entities[k as usize].id == id)
            .copied()
    }
}

/// Column positions from a header row.
struct Columns {
    id: usize,
    label: usize,
    name: usize,
    country: Option<usize>,
    form: Option<usize>,
    case: Option<usize>,
    width: usize,
}

impl Columns {
    fn from_header(cells: &[&str]) -> Result<Columns, String> {
        let find = |n: &str| cells.iter().position(|c| c.trim() == n);
        let need = |n: &str| {
            find(n).ok_or_else(|| format!("the header row has no {n:?} column (expected tab-separated: id, label, name, country, form, case)"))
        };
        Ok(Columns {
            id: need("id")?,
            label: need("label")?,
            name: need("name")?,
            country: find("country"),
            form: find("form"),
            case: find("case"),
            width: cells.len(),
        })
    }
}

/// The list files of a path: the file itself, or a directory's `.tsv` files.
pub fn list_files(path: &Path) -> Result<Vec<PathBuf>, ListError> {
    let io_err = |e: std::io::Error| ListError {
        file: path.display().to_string(),
        line: 0,
        message: format!("cannot read gazetteer: {e}"),
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ListError {
            file: path.display().to_string(),
            line: 0,
            message: "directory holds no .tsv gazetteer lists".into(),
        });
    }
    Ok(files)
}

/// Reads a list file as UTF-8.
pub fn read_list(file: &Path) -> Result<String, ListError> {
    let bytes = std::fs::read(file).map_err(|e| ListError {
        file: file.display().to_string(),
        line: 0,
        message: format!("cannot read gazetteer: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ListError {
            file: file.display().to_string(),
            line: upto.iter().filter(|&&b| b == b'\n').count() + 1,
            message: "invalid UTF-8".into(),
        }
    })
}

/// What `dealtrace gazetteer check` reports about a set of lists.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub files: usize,
    pub entities_per_label: Vec<(String, usize)>,
    pub names_per_label: Vec<(String, usize)>,
    pub errors: Vec<ListError>,
    /// Folded names that two or more entities share, with their ids.
    pub shared_names: Vec<(String, Vec<String>)>,
}

/// Validates lists without running a batch.
pub fn check(paths: &[PathBuf]) -> CheckReport {
    let mut g = Gazetteer::new();
    let mut report = CheckReport::default();
    for path in paths {
        match list_files(path) {
            Err(e) => report.errors.push(e),
            Ok(files) => {
                for f in files {
                    report.files += 1;
                    match read_list(&f) {
                        Err(e) => report.errors.push(e),
                        Ok(content) => report
                            .errors
                            .extend(g.add_list(&f.display().to_string(), &content)),
                    }
                }
            }
        }
    }
    let mut ents: HashMap<&str, usize> = HashMap::new();
    for e in &g.entities {
        *ents.entry(e.label).or_default() += 1;
    }
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
    for n in &g.names {
        *names.entry(g.entity(n.entity).label).or_default() += 1;
        let ids = by_name
            .entry(crate::text::normalize_name(&n.surface, true))
            .or_default();
        if !ids.contains(&n.entity) {
            ids.push(n.entity);
        }
    }
    report.entities_per_label = sorted_counts(ents);
    report.names_per_label = sorted_counts(names);
    let mut shared: Vec<(String, Vec<String>)> = by_name
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(name, ids)| (name, ids.iter().map(|&k| g.entity(k).id.clone()).collect()))
        .collect();
    shared.sort();
    report.shared_names = shared;
    report
}

fn sorted_counts(m: HashMap<&str, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_reports_lines() {
        let mut g = Gazetteer::new();
        let errs = g.add_list(
            "t.tsv",
            "# comment\nlabel\tid\tname\tcase\ncompany\tdt:x\tFoo\t\ncompany\tdt:x\tFoo Industries\texact\ncompany\t\tBar\nbank\tdt:x\tFoo Bank\nco\tdt:y\tY\tloud\n",
        );
        assert_eq!(g.entities.len(), 1);
        assert_eq!(g.names.len(), 2);
        assert_eq!(g.entities[0].name, "Foo");
        assert_eq!(g.names[1].case, CaseRule::Exact);
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![5, 6, 7]);
        assert!(errs[2].to_string().starts_with("t.tsv:7: case"));
    }

    #[test]
    fn missing_header_column() {
        let mut g = Gazetteer::new();
        let errs = g.add_list("u.tsv", "id\tname\nx\ty\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("\"label\""));
    }

    #[test]
    fn bundled_lists_load_cleanly() {
        let mut g = Gazetteer::new();
        for (name, content) in BUNDLED {
            let errs = g.add_list(name, content);
            assert!(errs.is_empty(), "{name}: {:?}", &errs[..errs.len().min(5)]);
        }
        assert!(g.entity_by_id("iso3166:UZ").is_some());
        assert!(g.entities.len() > 1000);
    }
}
