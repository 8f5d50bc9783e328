package dev.rung.job.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and prints: the process's own streams from {@link Main#main}, captured ones
 * in tests.
 *
 * @param in what interactive commands read ({@code rung sql OUTPUT} with no query)
 * @param out results and progress
 * @param err errors and usage messages
 */
record Streams(InputStream in, PrintStream out, PrintStream err) {}
