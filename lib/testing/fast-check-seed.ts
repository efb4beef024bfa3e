import fc from "fast-check";

/**
 * Every property test runs from a fixed seed, so a rule broken for some inputs fails on every run,
 * not on some. `FC_SEED=<n>` runs another seed; `FC_SEED=random` a fresh one each run (printed, so
 * a failure can be replayed with it).
 */
const DEFAULT_SEED = 20_261_201;
const wanted = process.env.FC_SEED;
const seed =
  wanted === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : wanted !== undefined && /^-?\d+$/.test(wanted)
      ? Number(wanted)
      : DEFAULT_SEED;
if (wanted === "random") console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
fc.configureGlobal({ seed });
