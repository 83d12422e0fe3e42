// The crash harness's tool: the reverser, made slow on purpose (a busy loop of a few milliseconds) so that
// random kills land inside tool calls too.
export const reverser = (email) => {
  let spin = 0;
  for (let i = 0; i < 5000; i++) spin += i % 7;
  return Array.from(email.text ?? "").reverse().join("") + (spin < 0 ? "!" : "");
};
