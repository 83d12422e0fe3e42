namespace MailStreams.Host.Http;

/// <summary>Reads a request body as raw bytes up to a limit (the bytes are what signatures and parsers see).</summary>
internal static class BodyReader
{
    public sealed class TooLargeException(long limit) : Exception($"request body is larger than {limit} bytes")
    {
        public long Limit { get; } = limit;
    }

    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw new TooLargeException(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new TooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
