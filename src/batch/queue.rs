//! Jobs that wait for other jobs, run on plain threads, a few at a time. The queue knows keys,
//! what each job needs first, and whether a job succeeded — nothing of documents or Typst
//! (after cargo's `DependencyQueue`), so it is tested on its own.
//!
//! Plain threads rather than a rayon pool: the jobs themselves use rayon (Typst lays out in
//! parallel), and a pool thread waiting on that work would steal the next job, putting many
//! large jobs in flight at once.

use std::hash::Hash;
use std::sync::{Condvar, Mutex};

/// A job: its key, and the keys of the jobs that must be done first (keys not in the queue
/// and its own key are ignored).
#[derive(Debug, Clone)]
pub struct Job<K> {
    pub key: K,
    pub needs: Vec<K>,
}

/// How a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran<R, K> {
    /// It ran; this is what it returned.
    Done(R),
    /// It did not run: a job it needs failed or did not run (or they need each other).
    Skipped { because: K },
}

/// The stack of each worker thread.
const STACK_SIZE: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Waiting,
    Running,
    Succeeded,
    Failed,
    Skipped(usize),
}

/// Runs every job, `threads` at a time, each after the jobs it needs. `work(i)` runs job `i`
/// and says whether it succeeded; the jobs that need a failed job are skipped, and only those.
/// Returns how each job ended, in the order given.
pub fn run<K, R>(jobs: &[Job<K>], threads: usize, work: impl Fn(usize) -> (R, bool) + Sync) -> Vec<Ran<R, K>>
where
    K: Eq + Hash + Clone + Send + Sync,
    R: Send,
{
    let position: std::collections::HashMap<&K, usize> = jobs.iter().enumerate().map(|(i, j)| (&j.key, i)).collect();
    let needs: Vec<Vec<usize>> = jobs
        .iter()
        .enumerate()
        .map(|(i, j)| j.needs.iter().filter_map(|k| position.get(k).copied()).filter(|&n| n != i).collect())
        .collect();
    let stages = Mutex::new(vec![Stage::Waiting; jobs.len()]);
    let changed = Condvar::new();
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, jobs.len().max(1)) {
            // Deeply nested input (64 levels is allowed) renders through as many nested
            // template calls: a roomy stack, reserved rather than used.
            let builder = std::thread::Builder::new().stack_size(STACK_SIZE);
            builder
                .spawn_scoped(scope, || {
                    loop {
                        let mut stage = stages.lock().expect("not poisoned");
                        let i = loop {
                            settle(&mut stage, &needs);
                            if let Some(i) = (0..jobs.len()).find(|&i| {
                                stage[i] == Stage::Waiting && needs[i].iter().all(|&n| stage[n] == Stage::Succeeded)
                            }) {
                                break i;
                            }
                            if !stage.contains(&Stage::Waiting) {
                                changed.notify_all();
                                return;
                            }
                            if !stage.contains(&Stage::Running) {
                                // Waiting, nothing running, nothing ready: they wait for each other.
                                for i in 0..jobs.len() {
                                    if stage[i] == Stage::Waiting {
                                        let n =
                                            needs[i].iter().copied().find(|&n| stage[n] == Stage::Waiting).unwrap_or(i);
                                        stage[i] = Stage::Skipped(n);
                                    }
                                }
                                continue;
                            }
                            stage = changed.wait(stage).expect("not poisoned");
                        };
                        stage[i] = Stage::Running;
                        drop(stage);
                        let (result, ok) = work(i);
                        results.lock().expect("not poisoned")[i] = Some(result);
                        stages.lock().expect("not poisoned")[i] = if ok { Stage::Succeeded } else { Stage::Failed };
                        changed.notify_all();
                    }
                })
                .expect("a thread can be started");
        }
    });
    let stage = stages.into_inner().expect("not poisoned");
    results
        .into_inner()
        .expect("not poisoned")
        .into_iter()
        .zip(stage)
        .map(|(result, stage)| match (result, stage) {
            (Some(r), _) => Ran::Done(r),
            (None, Stage::Skipped(n)) => Ran::Skipped { because: jobs[n].key.clone() },
            (None, _) => unreachable!("every job either ran or was skipped"),
        })
        .collect()
}

/// Skips every waiting job that needs a job that failed or was skipped.
fn settle(stage: &mut [Stage], needs: &[Vec<usize>]) {
    loop {
        let mut more = false;
        for i in 0..stage.len() {
            if stage[i] != Stage::Waiting {
                continue;
            }
            if let Some(&n) = needs[i].iter().find(|&&n| matches!(stage[n], Stage::Failed | Stage::Skipped(_))) {
                stage[i] = Stage::Skipped(n);
                more = true;
            }
        }
        if !more {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn job(key: &'static str, needs: &[&'static str]) -> Job<&'static str> {
        Job { key, needs: needs.to_vec() }
    }

    /// Runs the jobs, failing those named in `fail`; returns the order they ran in and how each ended.
    fn go(
        jobs: &[Job<&'static str>],
        threads: usize,
        fail: &[&str],
    ) -> (Vec<&'static str>, Vec<Ran<(), &'static str>>) {
        let order = Mutex::new(Vec::new());
        let ran = run(jobs, threads, |i| {
            // Give the other threads a chance to run something out of order, were they allowed.
            std::thread::sleep(Duration::from_millis(5));
            order.lock().unwrap().push(jobs[i].key);
            ((), !fail.contains(&jobs[i].key))
        });
        (order.into_inner().unwrap(), ran)
    }

    #[test]
    fn jobs_run_after_what_they_need() {
        let jobs = [
            job("voorstel", &["nota", "verslag"]),
            job("nota", &["gemeente"]),
            job("verslag", &[]),
            job("gemeente", &[]),
        ];
        for threads in [1, 2, 4] {
            let (order, ran) = go(&jobs, threads, &[]);
            let at = |k| order.iter().position(|o| *o == k).unwrap();
            assert!(at("gemeente") < at("nota"), "{order:?}");
            assert!(at("nota") < at("voorstel") && at("verslag") < at("voorstel"), "{order:?}");
            assert!(ran.iter().all(|r| matches!(r, Ran::Done(()))));
        }
    }

    #[test]
    fn a_failing_job_stops_only_its_dependents() {
        let jobs = [
            job("bundel", &["voorstel"]),
            job("voorstel", &["nota"]),
            job("nota", &[]),
            job("los", &[]),
            job("ander", &["los"]),
        ];
        for threads in [1, 3] {
            let (order, ran) = go(&jobs, threads, &["nota"]);
            assert_eq!(ran[0], Ran::Skipped { because: "voorstel" });
            assert_eq!(ran[1], Ran::Skipped { because: "nota" });
            assert_eq!(ran[2], Ran::Done(()), "the failed job itself ran");
            assert_eq!((&ran[3], &ran[4]), (&Ran::Done(()), &Ran::Done(())));
            let mut ran_keys = order.clone();
            ran_keys.sort();
            assert_eq!(ran_keys, ["ander", "los", "nota"]);
        }
    }

    #[test]
    fn one_thread_and_many_run_the_same_set() {
        // A wider graph: every third job needs the one before it; job 7 fails.
        let keys: Vec<&'static str> = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].to_vec();
        let jobs: Vec<Job<&'static str>> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| Job { key: *k, needs: if i % 3 == 2 { vec![keys[i - 1]] } else { Vec::new() } })
            .collect();
        let (mut one, ran_one) = go(&jobs, 1, &["h"]);
        let (mut many, ran_many) = go(&jobs, 4, &["h"]);
        one.sort();
        many.sort();
        assert_eq!(one, many);
        assert_eq!(ran_one, ran_many);
        assert_eq!(ran_one[8], Ran::Skipped { because: "h" });
    }

    #[test]
    fn jobs_that_need_each_other_are_skipped_not_waited_for_forever() {
        let jobs = [job("a", &["b"]), job("b", &["a"]), job("c", &[])];
        let (order, ran) = go(&jobs, 2, &[]);
        assert_eq!(order, ["c"]);
        assert!(matches!(ran[0], Ran::Skipped { .. }) && matches!(ran[1], Ran::Skipped { .. }));
    }
}
