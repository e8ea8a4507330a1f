import fc from 'fast-check';

/**
 * The gate must give the same answer on every run, so property tests use a
 * fixed seed. Explore new inputs with FC_SEED=random (or a number) and pin each
 * counterexample found that way as a unit test beside the parser.
 */
const seed = process.env.FC_SEED;
if (seed !== 'random') {
	fc.configureGlobal({seed: seed === undefined ? 20_261_127 : Number(seed)});
}
