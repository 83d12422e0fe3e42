using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MailStreams.Host.Secrets;

/// <summary>
/// Reads and writes <see cref="SopsDocument"/>s as YAML (the default) or JSON (a <c>.json</c> file): nested maps of
/// string values plus the <c>sops</c> block, in the layout SOPS itself writes. Lists are refused. Pure.
/// </summary>
internal static class SopsFileFormat
{
    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static SopsDocument Parse(string text, bool json)
    {
        try { return json ? ParseJson(text) : ParseYaml(text); }
        catch (Exception e) when (e is YamlException or JsonException or InvalidOperationException)
        {
            throw new SecretsException($"not a SOPS {(json ? "JSON" : "YAML")} file: {e.Message}", e);
        }
    }

    public static string Write(SopsDocument document, bool json) => json ? WriteJson(document) : WriteYaml(document);

    private static SopsDocument ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SecretsException("not a SOPS file: the top level must be a map");
        var entries = new List<SopsEntry>();
        SopsMetadata? metadata = null;
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (name == "sops") metadata = YamlMetadata(value);
            else WalkYaml([name], value, entries);
        }
        return new SopsDocument(entries, metadata ?? throw new SecretsException("not a SOPS file: it has no 'sops' metadata block"));
    }

    private static void WalkYaml(List<string> path, YamlNode node, List<SopsEntry> entries)
    {
        switch (node)
        {
            case YamlScalarNode scalar: entries.Add(new SopsEntry(path.ToArray(), scalar.Value ?? "")); break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children) WalkYaml([.. path, ((YamlScalarNode)key).Value ?? ""], value, entries);
                break;
            default: throw new SecretsException($"'{string.Join(":", path)}' is a list: only maps of values are supported");
        }
    }

    private static SopsMetadata YamlMetadata(YamlNode node)
    {
        if (node is not YamlMappingNode map) throw new SecretsException("the 'sops' block is not a map");
        string? Scalar(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        var age = new List<AgeStanza>();
        if (map.Children.TryGetValue(new YamlScalarNode("age"), out var list) && list is YamlSequenceNode sequence)
            foreach (var item in sequence.Children.OfType<YamlMappingNode>())
                age.Add(new AgeStanza(Text(item, "recipient"), Text(item, "enc")));
        return Metadata(age, Scalar("lastmodified"), Scalar("mac"), Scalar("unencrypted_suffix"), Scalar("version"));
    }

    private static string Text(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";

    private static SopsMetadata Metadata(List<AgeStanza> age, string? lastModified, string? mac, string? suffix, string? version) =>
        new(age,
            lastModified ?? throw new SecretsException("the 'sops' block has no lastmodified"),
            mac ?? throw new SecretsException("the 'sops' block has no mac: the file cannot be verified"),
            suffix ?? SopsMetadata.DefaultUnencryptedSuffix,
            version ?? "");

    private static SopsDocument ParseJson(string text)
    {
        var root = JsonNode.Parse(text) as JsonObject ?? throw new SecretsException("not a SOPS file: the top level must be an object");
        var entries = new List<SopsEntry>();
        foreach (var (key, value) in root)
            if (key != "sops") WalkJson([key], value, entries);
        if (root["sops"] is not JsonObject sops) throw new SecretsException("not a SOPS file: it has no 'sops' metadata block");
        var age = (sops["age"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => new AgeStanza(a["recipient"]?.GetValue<string>() ?? "", a["enc"]?.GetValue<string>() ?? "")).ToList();
        return new SopsDocument(entries, Metadata(age, sops["lastmodified"]?.GetValue<string>(), sops["mac"]?.GetValue<string>(),
            sops["unencrypted_suffix"]?.GetValue<string>(), sops["version"]?.GetValue<string>()));
    }

    private static void WalkJson(List<string> path, JsonNode? node, List<SopsEntry> entries)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj) WalkJson([.. path, key], value, entries);
                break;
            case JsonValue value:
                entries.Add(new SopsEntry(path.ToArray(), value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()));
                break;
            default: throw new SecretsException($"'{string.Join(":", path)}' is a list or null: only maps of values are supported");
        }
    }

    private static string WriteYaml(SopsDocument document)
    {
        var root = new YamlMappingNode();
        foreach (var entry in document.Entries) Place(root, entry.Path, new YamlScalarNode(entry.Value));
        var sops = new YamlMappingNode();
        var age = new YamlSequenceNode();
        foreach (var stanza in document.Metadata.Age)
            age.Add(new YamlMappingNode(
                new YamlScalarNode("recipient"), new YamlScalarNode(stanza.Recipient),
                new YamlScalarNode("enc"), new YamlScalarNode(stanza.Enc) { Style = ScalarStyle.Literal }));
        sops.Add("age", age);
        sops.Add("lastmodified", new YamlScalarNode(document.Metadata.LastModified) { Style = ScalarStyle.DoubleQuoted });
        sops.Add("mac", document.Metadata.Mac);
        sops.Add("unencrypted_suffix", document.Metadata.UnencryptedSuffix);
        sops.Add("version", document.Metadata.Version);
        root.Add("sops", sops);
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static void Place(YamlMappingNode map, IReadOnlyList<string> path, YamlNode value)
    {
        for (var i = 0; i < path.Count - 1; i++)
        {
            var key = new YamlScalarNode(path[i]);
            if (!map.Children.TryGetValue(key, out var child)) map.Add(key, child = new YamlMappingNode());
            map = (YamlMappingNode)child;
        }
        map.Add(path[^1], value);
    }

    private static string WriteJson(SopsDocument document)
    {
        var root = new JsonObject();
        foreach (var entry in document.Entries)
        {
            var map = root;
            foreach (var key in entry.Path.Take(entry.Path.Count - 1)) map = (JsonObject)(map[key] ??= new JsonObject());
            map[entry.Path[^1]] = entry.Value;
        }
        root["sops"] = new JsonObject
        {
            ["age"] = new JsonArray(document.Metadata.Age.Select(a => (JsonNode)new JsonObject { ["recipient"] = a.Recipient, ["enc"] = a.Enc }).ToArray()),
            ["lastmodified"] = document.Metadata.LastModified,
            ["mac"] = document.Metadata.Mac,
            ["unencrypted_suffix"] = document.Metadata.UnencryptedSuffix,
            ["version"] = document.Metadata.Version,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
