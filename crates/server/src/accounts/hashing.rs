//! Password hashing on a fixed set of threads, each reusing one Argon2 memory.
//!
//! Why: Argon2id takes 19 MiB per hash on purpose. On Tokio's blocking pool every hash allocated
//! and freed its 19 MiB on whichever of many threads it landed on, and glibc keeps freed memory
//! in per-thread arenas (up to eight per core): a storm of wrong logins took the server from
//! 97 MiB to 726–820 MiB resident, although only 2 × cores hashes ever ran at once. Here there are
//! exactly as many threads as hashes allowed at once ([`crate::Config::max_concurrent_hashes`]),
//! and each verifies into its own memory, allocated once: what hashing holds stays at
//! threads × 19 MiB whatever the load. The turn ([`crate::AppState::hashing_turn`]) still decides
//! who may hash, and refuses with 503 rather than queueing without bound.

use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

use argon2::password_hash::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::util::constant_time_eq;

/// The Argon2 memory a hashing thread keeps between hashes.
pub type Memory = Vec<Block>;

type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// The hashing threads. Dropping the last handle ends them.
#[derive(Clone, Debug)]
pub struct Hashers {
    jobs: SyncSender<Job>,
}

/// The hashing threads are gone (the server is shutting down), or more work was handed over than
/// there are turns.
#[derive(Debug)]
pub struct Unavailable;

impl std::fmt::Display for Unavailable {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("no password hashing thread is available")
    }
}

impl Hashers {
    /// Starts `threads` hashing threads (at least one).
    pub fn start(threads: usize) -> Hashers {
        let threads = threads.max(1);
        // Work is handed over only with a turn, and there are as many turns as threads: a place
        // in the channel for each is enough.
        let (jobs, receiver) = sync_channel::<Job>(threads);
        let receiver = Arc::new(Mutex::new(receiver));
        for index in 0..threads {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("argon2-{index}"))
                .spawn(move || {
                    let mut memory = Memory::new();
                    loop {
                        let next = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match next {
                            Ok(job) => job(&mut memory),
                            // Every handle was dropped.
                            Err(_) => return,
                        }
                    }
                })
                .expect("a password hashing thread starts");
        }
        Hashers { jobs }
    }

    /// Runs `work` on a hashing thread and returns its result. Call it with a hashing turn held.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, Unavailable> {
        let (answer, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = answer.send(work(memory));
        });
        match self.jobs.try_send(job) {
            Ok(()) => result.await.map_err(|_| Unavailable),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => Err(Unavailable),
        }
    }
}

/// Whether `password` matches a stored Argon2 hash (PHC string), computed in `memory`, which
/// grows once to the largest hash it has seen and is then reused. Agrees with
/// `argon2::PasswordVerifier::verify_password` (tested below).
pub fn verify_in(memory: &mut Memory, password: &str, stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else { return false };
    let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(hash.algorithm), Params::try_from(&hash)) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut memory[..blocks])
        .is_ok()
        && constant_time_eq(&computed, expected.as_bytes())
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    use argon2::Argon2;

    use super::*;
    use crate::accounts::auth::{hash_password, PasswordCost};

    #[test]
    fn verifying_in_reused_memory_agrees_with_the_argon2_crate() {
        let mut memory = Memory::new();
        for cost in [PasswordCost::Low, PasswordCost::Standard, PasswordCost::Low] {
            let stored = hash_password("correct horse battery", cost);
            for (password, right) in [("correct horse battery", true), ("correct horse batterY", false), ("", false)] {
                let reference = Argon2::default()
                    .verify_password(password.as_bytes(), &PasswordHash::new(&stored).unwrap())
                    .is_ok();
                assert_eq!(reference, right);
                assert_eq!(verify_in(&mut memory, password, &stored), right, "{cost:?} {password:?}");
            }
        }
        // The memory grew to the standard cost's 19 MiB once and was reused after.
        assert_eq!(memory.len(), 19 * 1024);
        assert!(!verify_in(&mut memory, "x", "not a hash"));
        assert!(!verify_in(&mut memory, "x", "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ"));
    }

    #[tokio::test]
    async fn work_runs_on_the_hashing_threads() {
        let hashers = Hashers::start(2);
        for _ in 0..4 {
            let name = hashers.run(|_| std::thread::current().name().unwrap_or_default().to_owned()).await.unwrap();
            assert!(name.starts_with("argon2-"), "{name}");
        }
    }
}
