// The one error spec:update reports: a message that names the input and where in it things broke.
export class SpecUpdateError extends Error {
  override name = "SpecUpdateError";
}
