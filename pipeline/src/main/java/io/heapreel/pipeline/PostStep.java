package io.heapreel.pipeline;

import java.util.function.Consumer;

/**
 * A step of {@code run} after the tables are in place (the video, the DevTools exports, the report):
 * it puts its outputs into the summary; the launcher times it under {@code stage}.
 */
record PostStep(String stage, Consumer<RunSummary.Builder> body) {}
