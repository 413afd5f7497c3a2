//! Word shingles and their MinHash signature.
//!
//! The signature is *one-permutation hashing* with optimal densification (Shrivastava, ICML
//! 2017): each shingle is hashed once and kept as the minimum of the one bin its hash picks,
//! and empty bins borrow from a fixed pseudo-random sequence of other bins. That costs one
//! hash per shingle instead of one per shingle *and* per bin as classic MinHash does, with
//! the same collision probability per bin (the Jaccard similarity). Figures in the crate docs.

/// Words of a text, lowercased, as 64-bit hashes: letters and digits of any script make words,
/// everything else separates them. Bytes are folded eight at a time (one multiply per eight
/// bytes, not per byte): this loop is most of dedup's time.
pub fn word_hashes(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut word = WordHasher::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                word.push(u64::from(b.to_ascii_lowercase()));
            } else if word.len > 0 {
                out.push(word.finish());
            }
            continue;
        }
        // A non-ASCII character: decode it (the text is valid UTF-8, so there is one).
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                word.push(u64::from(u32::from(l)) | 0x100);
            }
        } else if word.len > 0 {
            out.push(word.finish());
        }
    }
    if word.len > 0 {
        out.push(word.finish());
    }
}

#[derive(Default)]
struct WordHasher {
    h: u64,
    acc: u64,
    filled: u32,
    len: u32,
}

impl WordHasher {
    #[inline]
    fn push(&mut self, unit: u64) {
        // ASCII takes one byte of the accumulator, other characters three.
        let width = if unit < 0x100 { 8 } else { 24 };
        if self.filled + width > 64 {
            self.fold();
        }
        self.acc = (self.acc << width) | unit;
        self.filled += width;
        self.len += 1;
    }

    #[inline]
    fn fold(&mut self) {
        self.h = (self.h ^ self.acc).wrapping_mul(PRIME).rotate_left(29);
        self.acc = 0;
        self.filled = 0;
    }

    #[inline]
    fn finish(&mut self) -> u64 {
        self.fold();
        let h = mix(self.h ^ u64::from(self.len));
        *self = WordHasher::default();
        h
    }
}

const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

/// Finaliser (splitmix64's): spreads every input bit over the output.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the `w`-word shingles of `words` (one shingle of all words if there are fewer).
pub fn shingle_hashes(words: &[u64], w: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = w.max(1);
    if words.is_empty() {
        return;
    }
    if words.len() < w {
        out.push(combine(words));
        return;
    }
    out.extend(words.windows(w).map(combine));
}

/// One shingle's hash: the word hashes rotated by their position (so order counts), xored,
/// mixed once.
#[inline]
fn combine(words: &[u64]) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1du64;
    for (i, &x) in words.iter().enumerate() {
        h ^= x.rotate_left((i as u32 * 11) % 64);
    }
    mix(h)
}

/// Hash of the whole word sequence: equal for texts with the same words in the same order
/// (case, punctuation and spacing aside).
pub fn sequence_hash(words: &[u64]) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1du64 ^ words.len() as u64;
    for &x in words {
        h = (h.rotate_left(17) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    mix(h)
}

/// Fills `sig` (its length is the number of bins, a power of two) with the densified
/// one-permutation MinHash of the shingle hashes. False if there are no shingles.
pub fn signature(shingles: &[u64], sig: &mut [u32]) -> bool {
    let k = sig.len();
    debug_assert!(k.is_power_of_two());
    sig.fill(u32::MAX);
    if shingles.is_empty() || k == 0 {
        return false;
    }
    let shift = 64 - k.trailing_zeros();
    let mut filled = 0usize;
    for &h in shingles {
        let bin = if shift == 64 {
            0
        } else {
            (h >> shift) as usize
        };
        let v = h as u32;
        // u32::MAX marks an empty bin; a shingle whose value is u32::MAX counts as MAX - 1.
        let v = v.min(u32::MAX - 1);
        if sig[bin] == u32::MAX {
            filled += 1;
        }
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    if filled < k {
        densify(sig);
    }
    true
}

/// Optimal densification: an empty bin takes the value of the first non-empty bin in its own
/// fixed probe sequence, the same for every document, so two documents' bins agree with the
/// Jaccard probability.
fn densify(sig: &mut [u32]) {
    let k = sig.len() as u64;
    let original: Vec<bool> = sig.iter().map(|&v| v != u32::MAX).collect();
    for i in 0..sig.len() {
        if original[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            attempt += 1;
            let j = (mix((i as u64) << 32 | attempt) % k) as usize;
            if original[j] {
                sig[i] = sig[j];
                break;
            }
        }
    }
}

/// Fraction of agreeing bins: the estimated Jaccard similarity of two shingle sets.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig_of(text: &str) -> Vec<u32> {
        let (mut w, mut s) = (Vec::new(), Vec::new());
        word_hashes(text, &mut w);
        shingle_hashes(&w, 3, &mut s);
        let mut sig = vec![0u32; 128];
        signature(&s, &mut sig);
        sig
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        word_hashes("The Dam opened, officials said.", &mut a);
        word_hashes("the dam  opened officials SAID", &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), 5);
        word_hashes("Größe über Straße", &mut a);
        word_hashes("GRÖSSE ÜBER STRASSE", &mut b);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn similarity_tracks_overlap() {
        let base: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let a = base.join(" ");
        let b = base[..300].join(" ");
        let c: Vec<String> = (1000..1400).map(|i| format!("w{i}")).collect();
        let j_ab = similarity(&sig_of(&a), &sig_of(&b));
        let j_ac = similarity(&sig_of(&a), &sig_of(&c.join(" ")));
        assert!((j_ab - 0.75).abs() < 0.12, "{j_ab}");
        assert!(j_ac < 0.05, "{j_ac}");
        assert_eq!(similarity(&sig_of(&a), &sig_of(&a)), 1.0);
    }

    #[test]
    fn short_texts_still_sign() {
        let mut sig = vec![0u32; 64];
        let (mut w, mut s) = (Vec::new(), Vec::new());
        word_hashes("two words", &mut w);
        shingle_hashes(&w, 5, &mut s);
        assert_eq!(s.len(), 1);
        assert!(signature(&s, &mut sig));
        assert!(sig.iter().all(|&v| v != u32::MAX));
        assert!(!signature(&[], &mut sig));
    }
}
