using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>A word that stands for a family of commands (队旗 / 马甲 → the gear commands); the role decides which.</summary>
public sealed record CommandTopic(string Id, IReadOnlyList<string> Words, IReadOnlyList<string> Commands);

/// <summary>One button of the help menu: a command word the router knows, and the text key of its label.</summary>
public sealed record MenuItem(string Command, string Label, bool UnregisteredOnly);

/// <summary>A task group of the help menu.</summary>
public sealed record MenuGroup(string Id, string Label, IReadOnlyList<MenuItem> Items);

/// <summary>
/// The phrasings people type for each command, in both languages (<c>Resources/&lt;lang&gt;/commands.json</c>: synonyms
/// keyed by a command word a handler declares, topic words, polite fillers), and the help menu
/// (<c>Resources/menu.json</c>: groups of command words with label keys). Data, so a new command is one entry in each.
/// </summary>
public sealed class CommandCatalog
{
    public static CommandCatalog Shared { get; } = LoadEmbedded();

    /// <summary>(synonym, command word, language file) — every phrasing of every language.</summary>
    public required IReadOnlyList<(string Phrase, string Command, string Source)> Synonyms { get; init; }

    public required IReadOnlyList<CommandTopic> Topics { get; init; }

    public required IReadOnlyList<string> Fillers { get; init; }

    public required IReadOnlyList<string> Particles { get; init; }

    public required IReadOnlyList<MenuGroup> Menu { get; init; }

    private static CommandCatalog LoadEmbedded()
    {
        var assembly = typeof(CommandCatalog).Assembly;
        var synonyms = new List<(string, string, string)>();
        var topics = new Dictionary<string, (List<string> Words, List<string> Commands)>(StringComparer.Ordinal);
        var fillers = new List<string>();
        var particles = new List<string>();
        IReadOnlyList<MenuGroup> menu = [];
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("commands.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource {name} vanished.");
            if (name.EndsWith("menu.json", StringComparison.Ordinal))
            {
                var file = JsonSerializer.Deserialize<MenuFile>(stream) ?? throw new InvalidOperationException($"{name} is empty.");
                menu = [.. file.Groups.Select(g => new MenuGroup(g.Id, g.Label, [.. g.Items.Select(i => new MenuItem(i.Command, i.Label, i.UnregisteredOnly))]))];
                continue;
            }

            var phrasings = JsonSerializer.Deserialize<PhrasingFile>(stream) ?? throw new InvalidOperationException($"{name} is empty.");
            foreach (var (command, phrases) in phrasings.Synonyms)
            {
                synonyms.AddRange(phrases.Select(p => (p, command, name)));
            }

            foreach (var (id, topic) in phrasings.Topics)
            {
                if (!topics.TryGetValue(id, out var entry))
                {
                    entry = ([], []);
                    topics[id] = entry;
                }

                entry.Words.AddRange(topic.Words);
                entry.Commands.AddRange(topic.Commands.Where(c => !entry.Commands.Contains(c)));
            }

            fillers.AddRange(phrasings.Fillers);
            particles.AddRange(phrasings.Particles);
        }

        return new CommandCatalog
        {
            Synonyms = synonyms,
            Topics = [.. topics.Select(t => new CommandTopic(t.Key, t.Value.Words, t.Value.Commands))],
            // Longest first, so "请帮我" goes before "请".
            Fillers = [.. fillers.Select(CommandText.Fold).Distinct().OrderByDescending(f => f.Length)],
            Particles = [.. particles.Distinct()],
            Menu = menu,
        };
    }

    private sealed class PhrasingFile
    {
        [JsonPropertyName("synonyms")] public Dictionary<string, List<string>> Synonyms { get; set; } = [];
        [JsonPropertyName("topics")] public Dictionary<string, TopicFile> Topics { get; set; } = [];
        [JsonPropertyName("fillers")] public List<string> Fillers { get; set; } = [];
        [JsonPropertyName("particles")] public List<string> Particles { get; set; } = [];
    }

    private sealed class TopicFile
    {
        [JsonPropertyName("words")] public List<string> Words { get; set; } = [];
        [JsonPropertyName("commands")] public List<string> Commands { get; set; } = [];
    }

    private sealed class MenuFile
    {
        [JsonPropertyName("groups")] public List<MenuGroupFile> Groups { get; set; } = [];
    }

    private sealed class MenuGroupFile
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("label")] public string Label { get; set; } = "";
        [JsonPropertyName("items")] public List<MenuItemFile> Items { get; set; } = [];
    }

    private sealed class MenuItemFile
    {
        [JsonPropertyName("command")] public string Command { get; set; } = "";
        [JsonPropertyName("label")] public string Label { get; set; } = "";
        [JsonPropertyName("unregisteredOnly")] public bool UnregisteredOnly { get; set; }
    }
}
