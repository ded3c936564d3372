//! The binary's allocator: mimalloc, asked for a plain block whenever the
//! alignment a value needs is one every mimalloc block has.
//!
//! The `mimalloc` crate's allocator asks `mi_malloc_aligned` for every
//! block. In mimalloc 3 that is fast only while the page of the size's
//! class still has a free block; once it has none, the block is carved out
//! of a larger class (size + alignment − 1) instead of a fresh page of its
//! own class, so every later block of that size goes the slow way too (a
//! fifth of a 1M-person question sorting 5,801 events by date was spent
//! there). A mimalloc block is aligned to 8 bytes at least (block sizes are
//! multiples of 8 from a page start aligned to 16), so a value that needs
//! no more is asked for with `mi_malloc`, and only larger alignments with
//! the aligned calls.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long};

// mimalloc's options (`mimalloc.h`), which `libmimalloc-sys` declares only
// with its `extended` feature and without this one.
extern "C" {
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_arena_reserve`: the size of mimalloc's first arena, in KiB
/// (the position of the option in mimalloc 3's `mi_option_e`; a test
/// checks it by its default).
const ARENA_RESERVE: c_int = 23;

/// The first arena: 256 MiB rather than mimalloc's 1 GiB.
const FIRST_ARENA_KIB: c_long = 256 * 1024;

/// Sets mimalloc's first arena to [`FIRST_ARENA_KIB`]. mimalloc 3 writes
/// the meta-information of an arena (a few dozen bitmaps, one per size
/// class, sized by the arena) when it reserves it, so a fresh process
/// touched ~30 pages more for a 1 GiB arena than for a 256 MiB one, a
/// tenth of a point question's page faults; later arenas are reserved as
/// they are needed, twice as large after every eight, so an import of
/// millions of elements still takes a few dozen at most.
extern "C" fn configure() {
    // SAFETY: sets one of mimalloc's options (a plain store into its table
    // of options, valid before mimalloc's own start-up).
    unsafe { mi_option_set(ARENA_RESERVE, FIRST_ARENA_KIB) }
}

/// [`configure`] before anything is allocated: the standard library and
/// mimalloc's own start-up allocate before `main`, from functions in
/// `.init_array`, which the C runtime calls after those in
/// `.preinit_array` (honoured in executables, as this is).
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".preinit_array"]
static CONFIGURE: extern "C" fn() = configure;

/// The alignment every mimalloc block has.
const PLAIN: usize = 8;

/// mimalloc as the global allocator.
pub struct Mimalloc;

// SAFETY: every block comes from mimalloc with at least the layout's size
// and alignment (plain blocks are 8-aligned, larger alignments are asked
// for), and is given back to mimalloc, which frees blocks of either kind.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if layout.align() <= PLAIN {
            mi::mi_malloc(layout.size())
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align())
        };
        p.cast()
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if layout.align() <= PLAIN {
            mi::mi_zalloc(layout.size())
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align())
        };
        p.cast()
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = if layout.align() <= PLAIN {
            mi::mi_realloc(ptr.cast(), new_size)
        } else {
            mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align())
        };
        p.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option set is mimalloc's arena reserve, set before `main`: the
    /// options around it hold their documented defaults where `mimalloc.h`
    /// places them (`os_tag` = 100 at 18, `retry_on_oom` = 400 at 27), and
    /// this one holds what the start-up set.
    #[test]
    fn the_arena_reserve_is_set_before_main() {
        // SAFETY: reads options.
        unsafe {
            assert_eq!(mi_option_get(18), 100);
            assert_eq!(mi_option_get(27), 400);
            assert_eq!(mi_option_get(ARENA_RESERVE), FIRST_ARENA_KIB);
        }
    }

    /// Blocks of every small size and alignment are aligned as asked,
    /// hold what is written into them, and keep it when grown.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        let a = Mimalloc;
        for align in [1, 2, 4, 8, 16, 32, 4096] {
            // Many of each size, so that pages fill and fresh ones are taken.
            for size in (1..=600).step_by(7) {
                let layout = Layout::from_size_align(size, align).unwrap();
                let blocks: Vec<*mut u8> = (0..50)
                    .map(|i| {
                        // SAFETY: the layout's size is not zero.
                        let p = unsafe {
                            if i % 2 == 0 {
                                a.alloc(layout)
                            } else {
                                a.alloc_zeroed(layout)
                            }
                        };
                        assert!(!p.is_null());
                        assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                        // SAFETY: the block holds `size` bytes.
                        unsafe { std::ptr::write_bytes(p, (size % 251) as u8, size) };
                        p
                    })
                    .collect();
                for p in blocks {
                    // SAFETY: `p` was allocated with `layout` and holds
                    // `size` bytes; the grown block holds twice as many.
                    unsafe {
                        let q = a.realloc(p, layout, size * 2);
                        assert_eq!(q as usize % align, 0, "grown: size {size}, align {align}");
                        let kept = std::slice::from_raw_parts(q, size);
                        assert!(kept.iter().all(|b| *b == (size % 251) as u8));
                        a.dealloc(q, Layout::from_size_align(size * 2, align).unwrap());
                    }
                }
            }
        }
    }
}
