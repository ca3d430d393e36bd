//! dealtrace: structured deal records from news articles.
//!
//! The data flows through one module per stage, each with a small public
//! type at its edge and no knowledge of the stages after it:
//!
//! | stage | module | edge type |
//! |---|---|---|
//! | input | [`input`] | [`input::Document`] |
//! | text, sentences and tokens | [`text`], [`tokens`] | [`text::Span`], [`tokens::Tokens`] |
//! | gazetteers and recognizers | [`gazetteer`], [`recognize`], [`names`] | [`mention::Mention`] |
//! | deals | [`deals`] | [`deals::Deal`] |
//! | output | [`output`] | JSON Lines records |
//!
//! [`pipeline::Pipeline`] runs the stages over one document;
//! [`batch::run`] runs a whole batch in parallel. The `dealtrace` binary is a
//! thin command line over these.
//!
//! ```
//! use dealtrace::{gazetteer::Gazetteer, input::Document, pipeline::Pipeline};
//! let pipeline = Pipeline::new(Gazetteer::bundled());
//! let a = pipeline.annotate(Document::new("d1", "Huawei opened an office in Tashkent."));
//! assert!(a.mentions.iter().any(|m| m.is_label("company")));
//! ```

pub mod batch;
pub mod deals;
mod direct;
pub mod explain;
pub mod gazetteer;
pub mod input;
pub mod mention;
pub mod names;
pub mod outfile;
pub mod output;
pub mod pipeline;
pub mod recognize;
pub mod state;
pub mod text;
pub mod tokens;
