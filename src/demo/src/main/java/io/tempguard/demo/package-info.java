/**
 * The README's first command: an unmodified pipeline that leaks temp files, run with the agent and
 * inspected with the console, then exited cleanly, then killed and swept.
 */
package io.tempguard.demo;
