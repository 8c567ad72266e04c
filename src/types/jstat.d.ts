/** The part of jstat (https://github.com/jstat/jstat, a CommonJS module) the analysis core uses. */
declare module 'jstat' {
  const jstat: {
    jStat: {
      /** regularized incomplete beta function I_x(a, b) */
      ibeta(x: number, a: number, b: number): number;
      normal: {
        /** P(X ≤ x) of N(mean, sd²) */
        cdf(x: number, mean: number, sd: number): number;
        /** the x with P(X ≤ x) = p */
        inv(p: number, mean: number, sd: number): number;
      };
    };
  };
  export default jstat;
}
