package dev.signet.mcp;

/** An MCP tool's result marked {@code isError}: its message is the result's text, which the model reads. */
public final class McpToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public McpToolException(String message) {
        super(message);
    }
}
