use dealtrace::{gazetteer::Gazetteer, input::Document, pipeline::Pipeline};
fn main() {
    let t = std::env::args().nth(1).unwrap();
    let p = Pipeline::new(Gazetteer::bundled());
    let a = p.annotate(Document::new("x", t.clone()));
    let ms: Vec<&dealtrace::mention::Mention> = a.mentions.iter().collect();
    for c in dealtrace::deals::Candidate::list(&t, &ms, p.gazetteer()) {
        println!(
            "{:?} {:?} {:?}",
            &t[c.span.start..c.span.end],
            c.ptype,
            c.prep
        );
    }
}
