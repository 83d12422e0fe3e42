namespace MailStreams.Ingress.Svix;

/// <summary>
/// The three signature headers of one request, read case-insensitively: <c>svix-*</c> preferred,
/// <c>webhook-*</c> as fallback, an empty value counting as missing (specs/webhooks.md §1). Immutable.
/// </summary>
internal sealed record SvixHeaders(string? Id, string? Timestamp, string? Signature)
{
    public static SvixHeaders Read(IReadOnlyDictionary<string, string?> headers) =>
        new(Find(headers, "id"), Find(headers, "timestamp"), Find(headers, "signature"));

    /// <summary>The names of the missing headers, e.g. <c>svix-signature</c>; empty when all three are there.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (Id is null) missing.Add("svix-id");
        if (Timestamp is null) missing.Add("svix-timestamp");
        if (Signature is null) missing.Add("svix-signature");
        return missing;
    }

    /// <summary>"missing header svix-id (or webhook-id)", naming every missing one; null when none is missing.</summary>
    public string? MissingMessage()
    {
        var missing = Missing();
        if (missing.Count == 0) return null;
        var names = string.Join(", ", missing.Select(n => $"{n} (or {n.Replace("svix-", "webhook-")})"));
        return (missing.Count == 1 ? "missing header " : "missing headers ") + names;
    }

    private static string? Find(IReadOnlyDictionary<string, string?> headers, string suffix) =>
        NonEmpty(Lookup(headers, "svix-" + suffix)) ?? NonEmpty(Lookup(headers, "webhook-" + suffix));

    private static string? Lookup(IReadOnlyDictionary<string, string?> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact) && !string.IsNullOrEmpty(exact)) return exact;
        foreach (var (key, value) in headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value)) return value;
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
