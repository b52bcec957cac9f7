// What every walk driver needs from its surroundings: the settings its shell script exports, and free ports for the
// extra Playgrounds it starts.
import net from "node:net";

/** The value of an environment variable the walk's shell script sets; stops the driver with a hint when it is missing. */
export function requireEnv(name, script) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set; run ${script}`);
    process.exit(64);
  }
  return value;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
