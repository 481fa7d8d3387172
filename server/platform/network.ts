import os from "node:os";

/** The IPv4 addresses other machines on the hall's network can reach this one at. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((iface): iface is os.NetworkInterfaceInfo => !!iface && iface.family === "IPv4" && !iface.internal)
    .map((iface) => iface.address);
}
