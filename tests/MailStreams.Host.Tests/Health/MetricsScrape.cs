using System.Globalization;

namespace MailStreams.Host.Tests.Health;

/// <summary>A Prometheus text exposition read back: the value of a sample by metric name and label.</summary>
internal sealed class MetricsScrape(string text)
{
    public string Text { get; } = text;

    public static async Task<MetricsScrape> GetAsync(HttpClient client) => new(await client.GetStringAsync("metrics"));

    /// <summary>The value of the first sample named <paramref name="name"/> whose labels contain <paramref name="label"/>, or null.</summary>
    public double? Value(string name, string? label = null)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(name + "{") || line.StartsWith(name + " "))) continue;
            if (label is not null && !line.Contains(label, StringComparison.Ordinal)) continue;
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        return null;
    }
}
