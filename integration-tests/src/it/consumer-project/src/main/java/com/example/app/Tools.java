package com.example.app;

import dev.signet.annotation.InputField;
import dev.signet.annotation.ToolArgs;

/** Arguments of the tools the agent test uses. */
public final class Tools {
    private Tools() {}

    @ToolArgs
    public record LookupArgs(@InputField(desc = "the city") String city) {}
}
