//! The rule tables: trigger phrases that say a deal happened (and of what
//! kind), and cue phrases that say in what state it is.
//!
//! Each table row is one readable rule. To add a phrase, add a row and a
//! test with the sentence that motivated it (see `tests/deal_rules.rs`).

use std::ops::Range;
use std::sync::LazyLock;

use super::{Kind, Status};
use crate::tokens::{PhraseSet, Tokens};

/// How a trigger's parties take their roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Subject buys the object: buyer, target; "from X" is the seller.
    Buy,
    /// Subject sells the object: seller, target; "to X" is the buyer.
    Sell,
    /// Parties merge: partners.
    Merge,
    /// A contract; roles by party type (a government is the buyer), and for
    /// two companies the subject is the buyer.
    ContractBuyer,
    /// A contract whose subject supplies: vendor; object or "with X" buyer.
    ContractVendor,
    /// Money lent or granted: a bank or the subject of "lend" is the funder.
    Lend,
    /// Money received: the subject is the recipient; "from X" the funder.
    Borrow,
    /// Subject invests in the object: funder, target.
    Invest,
    /// Subject raises money: target; "from X", "led by X" the funders.
    Raise,
    /// Partners to an agreement.
    Partner,
}

/// A trigger rule.
#[derive(Clone, Copy, Debug)]
pub struct Trigger {
    pub phrase: &'static str,
    pub kind: Kind,
    pub frame: Frame,
    /// The state the phrase implies on its own ("acquired": completed,
    /// "offer": proposed); a cue phrase may override it.
    pub status: Status,
    /// Nouns ("deal", "loan") are weaker evidence than verbs.
    pub weight: f64,
}

use Frame::*;
use Kind::*;
use Status::*;

const fn t(phrase: &'static str, kind: Kind, frame: Frame, status: Status, weight: f64) -> Trigger {
    Trigger {
        phrase,
        kind,
        frame,
        status,
        weight,
    }
}

/// Trigger phrases (matched case-insensitively, on word boundaries,
/// leftmost-longest).
pub const TRIGGERS: &[Trigger] = &[
    // Acquisitions.
    t("acquire", Acquisition, Buy, Unknown, 1.0),
    t("acquires", Acquisition, Buy, Unknown, 1.0),
    t("acquired", Acquisition, Buy, Completed, 1.0),
    t("acquiring", Acquisition, Buy, Unknown, 1.0),
    t("acquisition of", Acquisition, Buy, Unknown, 0.9),
    t("acquisition", Acquisition, Buy, Unknown, 0.7),
    t("buy", Acquisition, Buy, Unknown, 0.9),
    t("buys", Acquisition, Buy, Unknown, 0.9),
    t("bought", Acquisition, Buy, Completed, 0.9),
    t("buying", Acquisition, Buy, Unknown, 0.8),
    t("buyout", Acquisition, Buy, Proposed, 0.9),
    t("take over", Acquisition, Buy, Unknown, 0.9),
    t("takeover", Acquisition, Buy, Proposed, 0.9),
    t("took over", Acquisition, Buy, Completed, 0.9),
    t("purchase of", Acquisition, Buy, Unknown, 0.8),
    t("purchased", Acquisition, Buy, Completed, 0.9),
    t("tender offer", Acquisition, Buy, Proposed, 1.0),
    t("tender", Acquisition, Buy, Proposed, 0.7),
    t("tendering for", Acquisition, Buy, Proposed, 0.9),
    t("offer for", Acquisition, Buy, Proposed, 0.9),
    t("offer", Acquisition, Buy, Proposed, 0.6),
    t("offered", Acquisition, Buy, Proposed, 0.6),
    t("has offered", Acquisition, Buy, Proposed, 0.7),
    t("bid", Acquisition, Buy, Proposed, 0.6),
    t("offered to buy", Acquisition, Buy, Proposed, 1.0),
    t("offered to acquire", Acquisition, Buy, Proposed, 1.0),
    t("bid for", Acquisition, Buy, Proposed, 0.9),
    t("stake in", Acquisition, Buy, Completed, 0.8),
    t("its stake in", Acquisition, Buy, Completed, 0.8),
    t("shares of", Acquisition, Buy, Completed, 0.4),
    t("owns", Acquisition, Buy, Completed, 0.5),
    t("will own", Acquisition, Buy, Agreed, 0.8),
    t("sell", Acquisition, Sell, Unknown, 0.9),
    t("sells", Acquisition, Sell, Unknown, 0.9),
    t("sold", Acquisition, Sell, Completed, 0.9),
    t("sale of", Acquisition, Sell, Unknown, 0.8),
    t("divest", Acquisition, Sell, Unknown, 0.9),
    t("divested", Acquisition, Sell, Completed, 0.9),
    t("merge", Acquisition, Merge, Unknown, 0.9),
    t("merger", Acquisition, Merge, Unknown, 0.8),
    t("merged", Acquisition, Merge, Completed, 0.9),
    // Contracts.
    t("deal", Contract, ContractBuyer, Unknown, 0.6),
    t("contract", Contract, ContractBuyer, Unknown, 0.8),
    t("contract between", Contract, ContractBuyer, Unknown, 1.0),
    t("co-financed", Financing, Lend, Agreed, 0.9),
    t("financed", Financing, Lend, Completed, 0.7),
    t("syndicated loan", Financing, Lend, Unknown, 0.9),
    t("cofinancing", Financing, Lend, Unknown, 0.8),
    t("co-financing", Financing, Lend, Unknown, 0.8),
    t("facility", Financing, Lend, Unknown, 0.6),
    t("purchasing deal", Contract, ContractBuyer, Unknown, 0.8),
    t("purchase", Contract, ContractBuyer, Unknown, 0.5),
    t("awarded", Contract, ContractBuyer, Agreed, 0.9),
    t("opted for", Contract, ContractBuyer, Agreed, 0.8),
    t("turned to", Contract, ContractBuyer, Agreed, 0.6),
    t("chose", Contract, ContractBuyer, Agreed, 0.6),
    t("selected", Contract, ContractBuyer, Agreed, 0.6),
    t("hired", Contract, ContractBuyer, Agreed, 0.7),
    t("ordered", Contract, ContractBuyer, Agreed, 0.6),
    t("spent", Contract, ContractBuyer, Completed, 0.7),
    t("project", Contract, ContractBuyer, Unknown, 0.4),
    t("supply", Contract, ContractVendor, Unknown, 0.55),
    t("supplied", Contract, ContractVendor, Completed, 0.8),
    t("supplier", Contract, ContractVendor, Unknown, 0.4),
    t("implement", Contract, ContractVendor, Unknown, 0.5),
    t("implemented", Contract, ContractVendor, Completed, 0.7),
    t("modernized", Contract, ContractVendor, Completed, 0.8),
    t("modernised", Contract, ContractVendor, Completed, 0.8),
    t("built", Contract, ContractVendor, Completed, 0.6),
    t("build", Contract, ContractVendor, Unknown, 0.6),
    t("install", Contract, ContractVendor, Unknown, 0.6),
    t("installed", Contract, ContractVendor, Completed, 0.7),
    t("won a contract", Contract, ContractVendor, Agreed, 1.0),
    t("won the contract", Contract, ContractVendor, Agreed, 1.0),
    t("won a tender", Contract, ContractVendor, Agreed, 1.0),
    t("retained", Contract, ContractBuyer, Agreed, 0.5),
    t("paid", Contract, ContractBuyer, Completed, 0.6),
    t("upgrade", Contract, ContractBuyer, Unknown, 0.5),
    t("order", Contract, ContractBuyer, Unknown, 0.5),
    // Financing.
    t("loan", Financing, Lend, Unknown, 0.8),
    t("loans", Financing, Lend, Unknown, 0.8),
    t("loan agreement", Financing, Lend, Agreed, 1.0),
    t("credit line", Financing, Lend, Unknown, 0.9),
    t("line of credit", Financing, Lend, Unknown, 0.9),
    t("buyer's credit", Financing, Lend, Unknown, 0.9),
    t("credit", Financing, Lend, Unknown, 0.5),
    t("financing", Financing, Lend, Unknown, 0.7),
    t("grant", Financing, Lend, Unknown, 0.7),
    t("granted", Financing, Lend, Agreed, 0.5),
    t("lent", Financing, Lend, Completed, 0.9),
    t("lend", Financing, Lend, Unknown, 0.9),
    t("borrowed", Financing, Borrow, Completed, 0.9),
    t("borrow", Financing, Borrow, Unknown, 0.8),
    t("aid", Financing, Lend, Unknown, 0.4),
    // Investment.
    t("invest", Investment, Invest, Unknown, 0.9),
    t("invests", Investment, Invest, Unknown, 0.9),
    t("invested", Investment, Invest, Completed, 0.9),
    t("investment in", Investment, Invest, Unknown, 0.8),
    t("investment from", Investment, Invest, Unknown, 0.7),
    t("inject", Investment, Invest, Unknown, 0.8),
    t("backed", Investment, Invest, Completed, 0.6),
    t("funding round", Investment, Raise, Unknown, 1.0),
    t("financing round", Investment, Raise, Unknown, 1.0),
    t("investment round", Investment, Raise, Unknown, 1.0),
    t("raised", Investment, Raise, Completed, 0.6),
    t("raises", Investment, Raise, Unknown, 0.6),
    t("venture capital", Investment, Raise, Unknown, 0.6),
    t("injected", Investment, Invest, Completed, 0.8),
    // Other agreements.
    t("joint venture", Agreement, Partner, Agreed, 0.9),
    t("letter of intent", Agreement, Partner, Proposed, 0.9),
    t("in talks with", Agreement, Partner, Proposed, 0.6),
    t(
        "memorandum of understanding",
        Agreement,
        Partner,
        Agreed,
        0.9,
    ),
    t("partnership", Agreement, Partner, Agreed, 0.7),
    t("agreement with", Agreement, Partner, Agreed, 0.6),
    t("works with", Agreement, Partner, Agreed, 0.4),
    t("cooperation agreement", Agreement, Partner, Agreed, 0.8),
];

/// A status cue and its priority: a stronger cue overrides a weaker one
/// anywhere in the sentence ("agreed in principle" beats "agreed").
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub phrase: &'static str,
    pub status: Status,
    pub priority: u8,
}

const fn c(phrase: &'static str, status: Status, priority: u8) -> Cue {
    Cue {
        phrase,
        status,
        priority,
    }
}

/// Status cue phrases.
pub const CUES: &[Cue] = &[
    c("turned down", Rejected, 9),
    c("rejected", Rejected, 9),
    c("refused", Rejected, 9),
    c("cancelled", Rejected, 9),
    c("canceled", Rejected, 9),
    c("terminated", Rejected, 9),
    c("termination of", Rejected, 9),
    c("blocked", Rejected, 9),
    c("withdrew", Rejected, 9),
    c("withdrawn", Rejected, 9),
    c("scrapped", Rejected, 9),
    c("called off", Rejected, 9),
    c("abandoned", Rejected, 9),
    c("no agreement was reached", Rejected, 9),
    c("broke off", Rejected, 9),
    c("declined", Rejected, 8),
    c("agreed in principle", Proposed, 7),
    c("tentatively agreed", Proposed, 7),
    c("letter of intent", Proposed, 7),
    c("in talks", Proposed, 6),
    c("talks", Proposed, 5),
    c("discussions", Proposed, 5),
    c("negotiations", Proposed, 5),
    c("negotiating", Proposed, 5),
    c("considering", Proposed, 5),
    c("under consideration", Proposed, 5),
    c("asked", Proposed, 3),
    c("plans to", Proposed, 5),
    c("planned", Proposed, 4),
    c("planning", Proposed, 5),
    c("proposed", Proposed, 5),
    c("proposal", Proposed, 5),
    c("offered", Proposed, 5),
    c("offer", Proposed, 4),
    c("bid", Proposed, 4),
    c("may", Proposed, 4),
    c("could", Proposed, 3),
    c("would", Proposed, 3),
    c("seeks", Proposed, 4),
    c("seeking", Proposed, 4),
    c("intends to", Proposed, 5),
    c("expected to", Proposed, 4),
    c("definitive agreement", Agreed, 6),
    c("signed", Agreed, 4),
    c("closed", Agreed, 4),
    c("agreed", Agreed, 4),
    c("agreement", Agreed, 2),
    c("awarded", Agreed, 4),
    c("approved", Agreed, 4),
    c("approval", Agreed, 3),
    c("opted for", Agreed, 4),
    c("will acquire", Agreed, 3),
    c("completed", Completed, 5),
    c("to be completed", Agreed, 6),
    c("subject to approval", Agreed, 6),
    c("subject to regulatory approval", Agreed, 6),
    c("has acquired", Completed, 4),
    c("spent", Completed, 4),
];

/// One phrase set over every trigger and cue phrase.
pub struct Tables {
    phrases: PhraseSet,
    /// Per pattern, the table rows it stands for (a phrase can be both a
    /// trigger and a cue: "offered"), as indices into TRIGGERS then CUES.
    rows: Vec<Vec<usize>>,
}

/// A phrase found in a sentence.
#[derive(Clone, Copy, Debug)]
pub enum Hit {
    Trigger(&'static Trigger),
    Cue(&'static Cue),
}

pub static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut phrases = PhraseSet::new();
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let all = TRIGGERS
        .iter()
        .map(|t| t.phrase)
        .chain(CUES.iter().map(|c| c.phrase));
    for (k, phrase) in all.enumerate() {
        let p = phrases.insert(phrase).expect("a phrase of words") as usize;
        if rows.len() <= p {
            rows.resize(p + 1, Vec::new());
        }
        rows[p].push(k);
    }
    Tables { phrases, rows }
});

impl Tables {
    /// Every trigger and cue in `text`, as (byte start, byte end, hit), on
    /// word boundaries, overlapping allowed. Phrases match across wrapped
    /// lines ("agreed in\nprinciple").
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Hit)> {
        let tokens = Tokens::new(text);
        self.find_tokens(&tokens, 0..tokens.len())
    }

    /// Like [`Tables::find`], over `tokens[range]` of a text tokenized
    /// once; spans are bytes of that text. Hits come in order of their end,
    /// the longer first.
    pub fn find_tokens(&self, tokens: &Tokens, range: Range<usize>) -> Vec<(usize, usize, Hit)> {
        let mut found = self.phrases.find(tokens, range);
        found.sort_by_key(|&(_, i, j)| (j, i));
        let mut out = Vec::with_capacity(found.len());
        for (p, i, j) in found {
            let (s, e) = (tokens.list[i].start as usize, tokens.list[j].end as usize);
            for &k in &self.rows[p as usize] {
                let hit = if k < TRIGGERS.len() {
                    Hit::Trigger(&TRIGGERS[k])
                } else {
                    Hit::Cue(&CUES[k - TRIGGERS.len()])
                };
                out.push((s, e, hit));
            }
        }
        out
    }
}
