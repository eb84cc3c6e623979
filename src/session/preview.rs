//! One document built for `watch`: its PDFs only, recorded like a build's.

use std::collections::BTreeSet;

use super::records::{pending, state_problem};
use super::{BuildOptions, Loaded, Session};
use crate::batch::state::{self as incremental, DocState, OutputRecord, State};
use crate::diagnostics::Problems;

impl Session {
    /// Builds one document for `watch`, under the rule for what was sent (as `build` does), and
    /// records what it wrote. The preview leaves out the bundle: its record keeps the earlier
    /// bundle's and has no key, so the next `build` makes the whole set again.
    pub fn preview(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
        reads: &crate::source::project::Reads,
        state: &State,
    ) -> Result<super::Built, Problems> {
        let removed = self.sent_removals(loaded, state);
        if !removed.is_empty() {
            return Err(self.removal_refused(loaded, &removed).into());
        }
        let relative = &loaded.file.relative;
        let out = &options.out_dir;
        let old = state.documenten.get(relative);
        let write = |doc: &DocState| incremental::write_record(out, relative, doc).map_err(|e| state_problem(out, &e));
        let before_write = |records: &[OutputRecord]| write(&pending(old, records)).map(|_| ()).map_err(Problems::from);
        let built = self.build(loaded, options, &[], reads, state, &before_write, &super::outputs::preview(options))?;
        // The files of the last build that the preview did not make again stay recorded.
        let keep = |made: &[OutputRecord], before: Option<&Vec<OutputRecord>>| {
            let pads: BTreeSet<&str> = made.iter().map(|r| r.pad.as_str()).collect();
            let mut all = made.to_vec();
            all.extend(before.into_iter().flatten().filter(|r| !pads.contains(r.pad.as_str())).cloned());
            all.sort_by(|a, b| a.pad.cmp(&b.pad));
            all
        };
        let uitvoer = keep(&built.records, old.map(|o| &o.uitvoer));
        let overige = keep(&built.overige, old.map(|o| &o.overige));
        let record = DocState {
            sleutel: String::new(),
            omgeving: self.omgeving.clone(),
            invoer: old.map(|o| o.invoer.clone()).unwrap_or_default(),
            uitvoer,
            herziening: old.and_then(|o| o.herziening.clone()),
            bijlagen: built.bijlagen.clone(),
            onderweg: Vec::new(),
            overige,
            uitvoeren: old.map(|o| o.uitvoeren.clone()).unwrap_or_default(),
        };
        write(&record)?;
        Ok(built)
    }
}
