package dev.bedrockgateway.simulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * One event of a simulated stream, before it is framed.
 *
 * @param type the event's name: the {@code :event-type} of a ConverseStream frame, or the provider event a
 *     chunk of InvokeModelWithResponseStream carries (for example {@code content_block_delta})
 * @param payload the event's JSON
 * @param delta whether it carries a piece of a content block; deltas are what faults and delays count
 */
record StreamEvent(String type, ObjectNode payload, boolean delta) {}
