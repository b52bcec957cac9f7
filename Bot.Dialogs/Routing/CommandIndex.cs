using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>How a typed text found its handler.</summary>
public enum MatchKind
{
    Command,
    Synonym,
    Typo,
    Topic,
}

/// <summary>A typed text understood as a command (or, for a topic word, as a family of commands).</summary>
public sealed record CommandMatch(MatchKind Kind, ITurnHandler? Handler, string Command, IReadOnlyList<string> Choices);

/// <summary>A command offered for an unknown text, best first.</summary>
public sealed record Suggestion(string Command, double Score);

/// <summary>
/// Everything the router knows about typed commands beyond the exact words on each <see cref="Route"/>: synonyms
/// and topic words from <see cref="CommandCatalog"/>, one-character typos, similarity ranking for suggestions and
/// the help menu by role. Built once from the handlers; a phrasing that points at two commands stops the start.
/// </summary>
public sealed class CommandIndex
{
    private const int TypoMinLength = 4;
    private const double SuggestionThreshold = 0.3;

    private readonly Dictionary<string, ITurnHandler> _byCommand = new(StringComparer.Ordinal);
    private readonly Dictionary<ITurnHandler, string> _canonical = [];
    private readonly Dictionary<string, (ITurnHandler Handler, string Command)> _byPhrase = new(StringComparer.Ordinal);
    private readonly List<(string Word, CommandTopic Topic)> _topicWords = [];
    private readonly CommandCatalog _catalog;

    public static CommandIndex Empty { get; } = new([], CommandCatalog.Shared);

    public CommandIndex(IEnumerable<ITurnHandler> handlers, CommandCatalog catalog)
    {
        _catalog = catalog;
        foreach (var handler in handlers)
        {
            foreach (var command in handler.Route.Commands)
            {
                _byCommand.TryAdd(CommandText.Fold(command), handler);
                _canonical.TryAdd(handler, command);
                var compact = CommandText.Compact(command);
                if (_byPhrase.TryGetValue(compact, out var other) && other.Handler != handler)
                {
                    throw new InvalidOperationException($"Command '{command}' reads the same as '{other.Command}' ({handler.GetType().Name}, {other.Handler.GetType().Name}).");
                }

                _byPhrase[compact] = (handler, _canonical[handler]);
            }
        }

        foreach (var (phrase, command, source) in catalog.Synonyms)
        {
            if (!_byCommand.TryGetValue(CommandText.Fold(command), out var handler))
            {
                continue; // A router built for a test holds only some handlers.
            }

            var compact = CommandText.Compact(phrase);
            if (compact.Length == 0)
            {
                throw new InvalidOperationException($"Synonym '{phrase}' of '{command}' in {source} is empty once folded.");
            }

            if (_byPhrase.TryGetValue(compact, out var other) && other.Handler != handler)
            {
                throw new InvalidOperationException($"Synonym '{phrase}' ({source}) points at '{command}' and at '{other.Command}'.");
            }

            _byPhrase[compact] = (handler, _canonical[handler]);
        }

        foreach (var topic in catalog.Topics)
        {
            var present = topic.Commands.Where(c => _byCommand.ContainsKey(CommandText.Fold(c))).ToList();
            if (present.Count == 0)
            {
                continue;
            }

            var kept = topic with { Commands = present };
            _topicWords.AddRange(topic.Words.Select(w => (CommandText.Compact(w), kept)));
        }

        // Longest topic word first: "红马甲" before "马甲".
        _topicWords.Sort((a, b) => b.Word.Length.CompareTo(a.Word.Length));
    }

    /// <summary>The handler that declares exactly this command word (as typed on a menu button), or null.</summary>
    public ITurnHandler? ByCommand(string command) => _byCommand.GetValueOrDefault(CommandText.Fold(command));

    /// <summary>The first command word of a handler: the id of the command in menus and suggestions.</summary>
    public string? CanonicalOf(ITurnHandler handler) => _canonical.GetValueOrDefault(handler);

    /// <summary>Every phrasing, compacted, with the command it leads to (for tests and diagnostics).</summary>
    public IReadOnlyDictionary<string, (ITurnHandler Handler, string Command)> Phrases => _byPhrase;

    /// <summary>
    /// A typed text that is not a command word followed by arguments: a synonym or command written differently
    /// (spaces, full-width, polite fillers), a topic word, or a one-character typo of a longer phrasing.
    /// </summary>
    /// <remarks>
    /// A typo is read only as a command <paramref name="roles"/> may run ("报名项目" is not 报备项目 for a volunteer);
    /// without roles every command counts.
    /// </remarks>
    public CommandMatch? Match(string text, UserRoles? roles = null)
    {
        if (_byPhrase.TryGetValue(CommandText.Compact(text), out var whole))
        {
            return new CommandMatch(MatchKind.Synonym, whole.Handler, whole.Command, []);
        }

        var core = CommandText.Compact(CommandText.StripFillers(CommandText.Fold(text), _catalog.Fillers, _catalog.Particles));
        if (core.Length == 0)
        {
            return null;
        }

        if (_byPhrase.TryGetValue(core, out var exact))
        {
            return new CommandMatch(MatchKind.Synonym, exact.Handler, exact.Command, []);
        }

        // A short text naming a topic ("队旗服装", "我想借马甲"): the family of commands, the role picks.
        if (core.Length <= 12)
        {
            foreach (var (word, topic) in _topicWords)
            {
                if (core.Contains(word, StringComparison.Ordinal))
                {
                    return new CommandMatch(MatchKind.Topic, null, topic.Id, topic.Commands);
                }
            }
        }

        if (core.Length >= TypoMinLength)
        {
            var candidates = _byPhrase
                .Where(p => p.Key.Length >= TypoMinLength && (roles is null || roles.Has(p.Value.Handler.Route.Required)))
                .Where(p => CommandText.EditDistance(core, p.Key, 1) <= 1)
                .Select(p => p.Value)
                .DistinctBy(p => p.Handler)
                .ToList();
            if (candidates.Count == 1)
            {
                return new CommandMatch(MatchKind.Typo, candidates[0].Handler, candidates[0].Command, []);
            }
        }

        return null;
    }

    /// <summary>Up to <paramref name="max"/> commands the user may run, most alike first, none below the threshold.</summary>
    public IReadOnlyList<Suggestion> Suggest(string text, UserRoles roles, int max = 3)
    {
        var core = CommandText.Compact(CommandText.StripFillers(CommandText.Fold(text), _catalog.Fillers, _catalog.Particles));
        if (core.Length == 0)
        {
            return [];
        }

        var menuOrder = _catalog.Menu.SelectMany(g => g.Items).Select(i => i.Command).ToList();
        return _byPhrase
            .Where(p => roles.Has(p.Value.Handler.Route.Required))
            .GroupBy(p => p.Value.Command, StringComparer.Ordinal)
            .Select(g => new Suggestion(g.Key, g.Max(p => CommandText.Similarity(core, p.Key))))
            .Where(s => s.Score >= SuggestionThreshold)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => menuOrder.IndexOf(s.Command) is var i && i < 0 ? int.MaxValue : i)
            .Take(max)
            .ToList();
    }

    /// <summary>The help menu for these roles: groups in catalogue order, each with the commands the user may run.</summary>
    public IReadOnlyList<(MenuGroup Group, IReadOnlyList<MenuItem> Items)> MenuFor(UserRoles roles)
    {
        var groups = new List<(MenuGroup, IReadOnlyList<MenuItem>)>();
        foreach (var group in _catalog.Menu)
        {
            var items = group.Items
                .Where(i => ByCommand(i.Command) is { } h && roles.Has(h.Route.Required))
                .Where(i => !(i.UnregisteredOnly && roles.IsRegistered))
                .ToList();
            if (items.Count > 0)
            {
                groups.Add((group, items));
            }
        }

        return groups;
    }

    /// <summary>The help menu for these roles as the menu card shows it: section label keys and buttons in the user's language.</summary>
    public IReadOnlyList<MenuSection> MenuSectionsFor(UserRoles roles, Localizer l) =>
        [.. MenuFor(roles).Select(g => new MenuSection(g.Group.Label, [.. g.Items.Select(i => new MenuButton(l[i.Label], i.Command))]))];

    /// <summary>Buttons for these command words, each labelled as <see cref="LabelOf"/> says.</summary>
    public IReadOnlyList<MenuButton> ButtonsFor(IEnumerable<string> commands, Localizer l) =>
        [.. commands.Select(c => new MenuButton(LabelOf(c, l), c))];

    /// <summary>The button label of a command: its menu label, else its first command word in the user's script.</summary>
    public string LabelOf(string command, Localizer l)
    {
        var item = _catalog.Menu.SelectMany(g => g.Items).FirstOrDefault(i => CommandText.Fold(i.Command) == CommandText.Fold(command));
        if (item is not null)
        {
            return l[item.Label];
        }

        if (l.Language == Language.EnUs && ByCommand(command) is { } handler
            && handler.Route.Commands.FirstOrDefault(c => !c.Any(CommandText.IsCjk)) is { } latin)
        {
            return latin;
        }

        return command;
    }
}
