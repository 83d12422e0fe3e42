// Tools used by the end-to-end tests: one that works, one that throws, one that never ends.
export const echo = (email) => `echo: ${email.subject}`;

export const thrower = (email) => {
  throw new Error(`cannot handle ${email.subject}`);
};

export const looper = () => {
  for (;;) { }
};

export const reverser = (email) => Array.from(email.text ?? "").reverse().join("");
