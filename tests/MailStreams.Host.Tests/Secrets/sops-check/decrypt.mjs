// Decrypts a SOPS file with sops-age and prints the values as JSON: node decrypt.mjs FILE IDENTITY_FILE
import { readFileSync } from "node:fs";
import { decryptSops } from "sops-age";

const [file, identityFile] = process.argv.slice(2);
const secretKey = readFileSync(identityFile, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-"));
const fileType = file.endsWith(".json") ? "json" : "yaml";
const values = await decryptSops(readFileSync(file, "utf8"), { secretKey, fileType });
process.stdout.write(JSON.stringify(values));
