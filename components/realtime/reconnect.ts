/**
 * After a lost connection (a restarted server, a Wi-Fi hiccup) the first try comes soon,
 * and each device waits a random part of it more or less, so a hall of tablets does not
 * knock all at once; later tries back off to a few seconds. Socket.IO client options.
 */
export const RECONNECT = { reconnectionDelay: 300, reconnectionDelayMax: 3_000, randomizationFactor: 0.5 } as const;
