/** One runner-throughput run under `node --cpu-prof`, to see where the runner's time goes. */
import { runnerThroughput, startSandboxProcess, setSandboxProcess } from "./jobs";

const sandbox = await startSandboxProcess();
setSandboxProcess(sandbox);
const provider = process.argv[2] === "hybridbox" ? "hybridbox" : "zcom";
console.log(provider, await runnerThroughput(provider));
sandbox.close();
process.exit(0);
