package com.example.app;

import dev.signet.InputField;
import dev.signet.ToolArgs;

/** Arguments of the tools the agent test uses. */
public final class Tools {
    private Tools() {}

    @ToolArgs
    public record LookupArgs(@InputField(desc = "the city") String city) {}
}
