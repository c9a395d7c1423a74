//! How soon memory freed goes back to the system: mimalloc's purge delay, chosen per command.
//! Given back too soon, it is faulted in again, zeroed, by the next allocation (at 0 and 10 ms
//! the first run spent twice the system time); kept too long, a command that holds a whole
//! folder peaks higher (at 250 ms a first `export` of 20,000 documents passed 400 MB).
//! benches/cache.sh measures both.

// The allocator's library, linked into whatever uses this module (the binary sets it as the
// global allocator; elsewhere the setting is only a number nobody reads).
extern crate mimalloc as _;

extern "C" {
    /// mimalloc's own setter (the `mimalloc` crate does not export it without another
    /// dependency).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (c_src/mimalloc/v3/include/mimalloc.h
/// of libmimalloc-sys 0.1.49, pinned by Cargo.lock; retired options keep their numbers there).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// For a command that holds a whole folder: memory goes back 50 ms after it is freed (a load
/// frees as much as it keeps: each file's text, the growth of its vectors).
pub const HOLDING_ALL_MS: i64 = 50;

/// For a command that streams a folder a group at a time (`cache::stream`): every group frees
/// what the next one takes again, and 500 ms spares re-faulting it (a tenth of a first run)
/// for a peak that stays near 140 MB at 20,000 documents.
pub const STREAMING_MS: i64 = 500;

/// Sets the purge delay.
///
/// # Safety
/// No other thread may be running: mimalloc's options are plain globals, read by every thread
/// that frees memory.
pub unsafe fn purge_after(ms: i64) {
    // SAFETY: the caller guarantees no other thread reads the option meanwhile.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, ms as std::ffi::c_long) };
}
