/**
 * The built-in embedder: no download, no model file, deterministic, fast. A text becomes a
 * bag of features, each hashed (signed) into a vector of `dimension` floats:
 *
 * - words (accent- and case-folded, French and English stop words left out),
 * - word bigrams (pairs of consecutive remaining words, so stop words between them do not
 *   break a pair: "the dragon of the mountains" gives "dragon mountains"),
 * - character 3- to 5-grams inside each remaining word, with its start and end marked, which
 *   still match when a word changes form ("marchait"/"marcha", "dragon"/"dragons").
 *
 * Counts are damped (1 + ln count), each family is scaled to unit length and then to its
 * weight, and the sum is L2-normalised. The cosine of two vectors is then, up to hash
 * collisions, the weighted mean of the three families' cosines (weights squared).
 *
 * Why copies score high and different stories on one theme score lower: a renamed copy
 * keeps every word but the names (a few features among hundreds, and damped); a paraphrase
 * keeps most content words and, through the n-grams, their stems; an excerpt's features are
 * a subset of the story's. Two stories on one theme share their theme words ("dragon",
 * "shy") but little else: the bigrams, which carry the plot's wording, differ almost
 * entirely. No model of meaning, though: a paraphrase that changes every word, or the same
 * story in the other language, is missed; that is the neural embedder's job.
 *
 * An empty text, or one with no word left (only punctuation, stop words, one-letter words),
 * gives the zero vector, whose cosine with anything is 0; never NaN. Any string is accepted:
 * binary bytes decoded as text give a vector of whatever letters they happen to hold.
 * `embedOne` is synchronous and `embed` yields every 25 ms. On one core of a small cloud VM:
 * 7,000–9,000 stories of 300 words a second, 50 ms for 1 MB of prose, at most about a third
 * of a second for 1 MB of junk.
 */
import type { EmbedOptions, Embedder } from './embedder';
import { FeatureCounter } from './feature-counter';
import { combineHashes, finalMix, FNV_OFFSET_BASIS, FNV_PRIME, hashString } from './feature-hashing';
import { STOP_WORDS } from './stop-words';
import { foldText, isWordUnit } from './text-folding';

export const HASHED_EMBEDDER_VERSION = '1';
export const HASHED_EMBEDDER_DEFAULT_DIMENSION = 384;

/**
 * Cosine at or above which the hashed embedder calls two stories duplicates (its
 * `duplicateCosine`; the duplicate guard shows it as 0.85 on its common scale). Neural
 * sentence embeddings put even unrelated texts high; this embedder's scale is lower: on
 * `models/dedupe-dev-set`, two stories on different themes score 0.0–0.25, two different stories on one theme 0.05–0.4
 * (the top ones are sequels with the same characters), and true copies 0.5–1 (reworded
 * paraphrases and half-story excerpts lowest, at 0.5–0.86). At a cosine of 0.85 it would catch no
 * paraphrase and one excerpt in 22 (recall 0.57). 0.42 is the threshold of best F1 on the
 * set's dev split (the midpoint between its highest different-story score, 0.344, and its
 * lowest copy, 0.497); the held-out test split confirms it (dedupe-quality.test.ts,
 * `npm run bench`).
 */
export const HASHED_DUPLICATE_THRESHOLD = 0.42;

/**
 * Relative weight of each feature family in the vector (they need not sum to 1). Words and
 * n-grams carry equal weight, bigrams less: reworded paraphrases keep words and stems but
 * not word pairs. Chosen on the dev split (a small grid, by the gap between copies and
 * different stories), not on the test split.
 */
export interface HashedFeatureWeights {
  words: number;
  wordBigrams: number;
  charNgrams: number;
}

export const DEFAULT_HASHED_FEATURE_WEIGHTS: Readonly<HashedFeatureWeights> = {
  words: 1,
  wordBigrams: 0.35,
  charNgrams: 1,
};

export interface HashedEmbedderOptions {
  /** Vector length; 384 by default, like the small multilingual sentence models. */
  dimension?: number;
  weights?: Partial<HashedFeatureWeights>;
}

/** Words longer than this are cut (for their n-grams and their hash): junk, not language. */
const MAX_WORD_LENGTH = 40;
const MIN_NGRAM = 3;
const MAX_NGRAM = 5;
/** Stand-ins for "start of word" and "end of word" in n-grams: no folded word contains them. */
const WORD_START = 0x02;
const WORD_END = 0x03;

const WORD_SEED = 0x2f0e1a4b;
const BIGRAM_SEED = 0x5bd1e995;
const NGRAM_SEED = 0x1b873593;
const WORD_HASH_START = (FNV_OFFSET_BASIS ^ WORD_SEED) | 0;
const NGRAM_HASH_START = (FNV_OFFSET_BASIS ^ NGRAM_SEED) | 0;

/**
 * Distinct features counted per text and family; past these, new ones are left out. Real
 * text stays below (a whole novel has some tens of thousands of distinct words); the caps
 * bound what junk (megabytes of random letters) costs in time and memory.
 */
const MAX_DISTINCT_WORDS = 1 << 16;
const MAX_DISTINCT_FEATURES = 1 << 18;

/** Stop words by hash, to test a word without making its string (then confirmed by string). */
const STOP_WORD_HASHES = new Set([...STOP_WORDS].map((word) => hashString(word, WORD_SEED)));

/** How long `embed` computes before it lets the event loop run (progress, abort). */
const YIELD_EVERY_MS = 25;

/** 1 + ln(count), tabulated for the usual small counts. */
const DAMPED_COUNTS = Float64Array.from({ length: 64 }, (_, count) =>
  count === 0 ? 0 : 1 + Math.log(count),
);

function dampedCount(count: number): number {
  return count < DAMPED_COUNTS.length ? DAMPED_COUNTS[count]! : 1 + Math.log(count);
}

/**
 * `talemo-hashed-v1` with the default settings; other dimensions or weights are named in
 * the id (`talemo-hashed-v1-d256-w1,0.5,1`), since their vectors do not compare.
 */
function hashedEmbedderId(dimension: number, weights: HashedFeatureWeights): string {
  const d = DEFAULT_HASHED_FEATURE_WEIGHTS;
  const defaultWeights =
    weights.words === d.words && weights.wordBigrams === d.wordBigrams && weights.charNgrams === d.charNgrams;
  return (
    `talemo-hashed-v${HASHED_EMBEDDER_VERSION}` +
    (dimension === HASHED_EMBEDDER_DEFAULT_DIMENSION ? '' : `-d${dimension}`) +
    (defaultWeights ? '' : `-w${weights.words},${weights.wordBigrams},${weights.charNgrams}`)
  );
}

/** Lets timers, I/O and an abort run: setImmediate in Node, a zero timeout elsewhere. */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

function checkedWeight(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`weight ${name} must be a finite number ≥ 0`);
  return value;
}

export class HashedEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly version = HASHED_EMBEDDER_VERSION;
  readonly duplicateCosine = HASHED_DUPLICATE_THRESHOLD;
  readonly weights: Readonly<HashedFeatureWeights>;

  private readonly words = new FeatureCounter(1024, MAX_DISTINCT_WORDS);
  private readonly bigrams = new FeatureCounter(1024, MAX_DISTINCT_FEATURES);
  private readonly ngrams = new FeatureCounter(8192, MAX_DISTINCT_FEATURES);
  private readonly sum: Float64Array;
  /** Start and end (in the folded text) of each distinct word's first occurrence, by index. */
  private wordBounds = new Int32Array(2048);

  constructor(options: HashedEmbedderOptions = {}) {
    const dimension = options.dimension ?? HASHED_EMBEDDER_DEFAULT_DIMENSION;
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 1 << 20) {
      throw new RangeError('dimension must be an integer from 1 to 1048576');
    }
    const weights = { ...DEFAULT_HASHED_FEATURE_WEIGHTS, ...options.weights };
    this.weights = {
      words: checkedWeight('words', weights.words),
      wordBigrams: checkedWeight('wordBigrams', weights.wordBigrams),
      charNgrams: checkedWeight('charNgrams', weights.charNgrams),
    };
    this.dimension = dimension;
    this.id = hashedEmbedderId(dimension, this.weights);
    this.sum = new Float64Array(dimension);
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    const vectors: Float32Array[] = [];
    let sliceStart = performance.now();
    for (let i = 0; i < texts.length; i += 1) {
      vectors.push(this.embedOne(texts[i]!));
      if (i + 1 < texts.length && performance.now() - sliceStart >= YIELD_EVERY_MS) {
        onProgress?.(i + 1, texts.length);
        await yieldToEventLoop();
        signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
    onProgress?.(texts.length, texts.length);
    return vectors;
  }

  /** One text's vector, synchronously (for callers already off the UI thread, and benchmarks). */
  embedOne(text: string): Float32Array {
    if (typeof text !== 'string') throw new TypeError('the hashed embedder embeds strings only');
    this.countFeatures(text);
    const sum = this.sum;
    sum.fill(0);
    this.addFamily(this.words, this.weights.words);
    this.addFamily(this.bigrams, this.weights.wordBigrams);
    this.addFamily(this.ngrams, this.weights.charNgrams);
    let squares = 0;
    for (let i = 0; i < sum.length; i += 1) squares += sum[i]! * sum[i]!;
    const vector = new Float32Array(this.dimension);
    if (squares === 0) return vector;
    const scale = 1 / Math.sqrt(squares);
    for (let i = 0; i < sum.length; i += 1) vector[i] = sum[i]! * scale;
    return vector;
  }

  private countFeatures(text: string): void {
    const words = this.words;
    const bigrams = this.bigrams;
    words.clear();
    bigrams.clear();
    this.ngrams.clear();
    const folded = foldText(text);
    const length = folded.length;
    let previous = 0;
    let hasPrevious = false;
    let at = 0;
    while (at < length) {
      while (at < length && !isWordUnit(folded.charCodeAt(at))) at += 1;
      const start = at;
      while (at < length && isWordUnit(folded.charCodeAt(at))) at += 1;
      if (at - start < 2) continue;
      const end = Math.min(at, start + MAX_WORD_LENGTH);
      let h = WORD_HASH_START;
      for (let i = start; i < end; i += 1) h = Math.imul(h ^ folded.charCodeAt(i), FNV_PRIME);
      const hash = finalMix(h);
      if (STOP_WORD_HASHES.has(hash) && STOP_WORDS.has(folded.slice(start, end))) continue;
      const distinctBefore = words.size;
      const index = words.add(hash);
      if (words.size > distinctBefore) this.rememberWord(index, start, end);
      if (hasPrevious) bigrams.add(combineHashes(previous, hash, BIGRAM_SEED));
      previous = hash;
      hasPrevious = true;
    }
    // Each distinct word's n-grams, counted as often as the word.
    const bounds = this.wordBounds;
    for (let index = 0; index < words.size; index += 1) {
      this.countNgrams(folded, bounds[index * 2]!, bounds[index * 2 + 1]!, words.countAt(index));
    }
  }

  private rememberWord(index: number, start: number, end: number): void {
    if (index * 2 + 1 >= this.wordBounds.length) {
      const larger = new Int32Array(this.wordBounds.length * 2);
      larger.set(this.wordBounds);
      this.wordBounds = larger;
    }
    this.wordBounds[index * 2] = start;
    this.wordBounds[index * 2 + 1] = end;
  }

  /** Adds the character 3- to 5-grams of `folded[start, end)`, framed by start and end marks. */
  private countNgrams(folded: string, start: number, end: number, times: number): void {
    const ngrams = this.ngrams;
    const framed = end - start + 2;
    for (let first = 0; first + MIN_NGRAM <= framed; first += 1) {
      let h = NGRAM_HASH_START;
      const last = Math.min(framed, first + MAX_NGRAM);
      for (let at = first; at < last; at += 1) {
        const unit = at === 0 ? WORD_START : at === framed - 1 ? WORD_END : folded.charCodeAt(start + at - 1);
        h = Math.imul(h ^ unit, FNV_PRIME);
        if (at - first + 1 >= MIN_NGRAM) ngrams.add(finalMix(h), times);
      }
    }
  }

  /** Adds one family's features, damped and scaled to length `weight`, into the sum. */
  private addFamily(features: FeatureCounter, weight: number): void {
    const size = features.size;
    if (size === 0 || weight === 0) return;
    let squares = 0;
    for (let i = 0; i < size; i += 1) {
      const damped = dampedCount(features.countAt(i));
      squares += damped * damped;
    }
    const scale = weight / Math.sqrt(squares);
    const sum = this.sum;
    const dimension = this.dimension;
    for (let i = 0; i < size; i += 1) {
      const key = features.keyAt(i);
      const value = dampedCount(features.countAt(i)) * scale;
      const bucket = (key >>> 1) % dimension;
      sum[bucket] = sum[bucket]! + (key & 1 ? -value : value);
    }
  }
}
