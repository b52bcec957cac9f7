using System.Collections.Frozen;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// Finds the handler for a turn: card verb first (a help-menu button names a command word), then the longest command
/// word the text starts with, then the phrasings of <see cref="CommandIndex"/> (synonyms, topic words, one-character
/// typos), then (for a message with attachments) the handler whose route accepts attachments.
/// Role checks happen here, on the server, for every route, and so does <see cref="Route.IsPersonalOnly"/>: such a
/// route answers a group chat or channel with a pointer to the personal chat. Unknown input gets "did you mean" suggestions.
/// </summary>
public sealed class TurnRouter
{
    private readonly FrozenDictionary<string, ITurnHandler> _byVerb;
    private readonly (string Command, ITurnHandler Handler)[] _byCommand;
    private readonly HelpHandler _help;
    private readonly ITurnHandler? _byAttachment;

    /// <summary>The verb of help-menu and suggestion buttons; its data names the command word to run.</summary>
    public const string RunVerb = CoreVerbs.MenuRun;

    private readonly UserRateLimiter? _limiter;

    public TurnRouter(IEnumerable<ITurnHandler> handlers, HelpHandler help, UserRateLimiter? limiter = null)
    {
        _limiter = limiter;
        _help = help;
        var all = handlers.ToList();
        var verbs = new Dictionary<string, ITurnHandler>(StringComparer.Ordinal);
        var commands = new List<(string, ITurnHandler)>();
        foreach (var handler in all)
        {
            if (handler.Route.AcceptsAttachments)
            {
                if (_byAttachment is not null)
                {
                    throw new InvalidOperationException($"Attachments are claimed by {_byAttachment.GetType().Name} and {handler.GetType().Name}.");
                }

                _byAttachment = handler;
            }

            foreach (var verb in handler.Route.Verbs)
            {
                if (!verbs.TryAdd(verb, handler))
                {
                    throw new InvalidOperationException($"Card verb '{verb}' is claimed by {verbs[verb].GetType().Name} and {handler.GetType().Name}.");
                }
            }

            foreach (var command in handler.Route.Commands)
            {
                var normalized = Normalize(command);
                if (commands.Any(c => c.Item1 == normalized))
                {
                    throw new InvalidOperationException($"Command '{command}' is claimed twice ({handler.GetType().Name}).");
                }

                commands.Add((normalized, handler));
            }
        }

        if (verbs.ContainsKey(RunVerb))
        {
            throw new InvalidOperationException($"Card verb '{RunVerb}' belongs to the router ({verbs[RunVerb].GetType().Name}).");
        }

        _byVerb = verbs.ToFrozenDictionary(StringComparer.Ordinal);
        _byCommand = [.. commands.OrderByDescending(c => c.Item1.Length)];
        Commands = new CommandIndex(all.Append(help).Distinct(), CommandCatalog.Shared);
        help.Commands = Commands;
    }

    /// <summary>Synonyms, typos, suggestions and the help menu over this router's handlers.</summary>
    public CommandIndex Commands { get; }

    public IEnumerable<ITurnHandler> Handlers => _byVerb.Values.Concat(_byCommand.Select(c => c.Handler))
        .Concat(_byAttachment is null ? [] : [_byAttachment]).Distinct();

    public async Task<TurnResult> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        var (handler, routed) = Find(turn);
        if (handler is null)
        {
            if (turn.Verb is null && Commands.Match(turn.Text, turn.Roles) is { Kind: MatchKind.Topic } topic)
            {
                var allowed = topic.Choices.Where(c => Commands.ByCommand(c) is { } h && turn.Roles.Has(h.Route.Required)).ToList();
                if (allowed.Count == 1)
                {
                    return await RouteAsync(turn with { Text = allowed[0] }, cancellationToken).ConfigureAwait(false);
                }

                return _help.Topic(turn, allowed);
            }

            return _help.Unknown(turn);
        }

        if (handler.Route.IsPersonalOnly && routed.Kind != ConversationKind.Personal)
        {
            // Personal and division data never go to a group chat or channel: point to the personal chat instead.
            var pointer = PersonalChatCards.Pointer(routed);
            return routed.IsInvoke ? TurnResult.Replace(pointer) : TurnResult.Show(pointer);
        }

        if (!turn.Roles.Has(handler.Route.Required))
        {
            return Refusal.For(routed, handler.Route.Required);
        }

        if (handler.Route.RateLimit is { } action && _limiter is not null
            && !_limiter.TryAcquire(action, routed.User.AadObjectId, out var retryAfter))
        {
            var L = routed.L;
            var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
            var card = new AdaptiveCard().Title(L["rateLimit.title"]).Text(L.Format("rateLimit.text", L["rateLimit." + action], minutes));
            return routed.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
        }

        return await handler.HandleAsync(routed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handler a turn would reach (before the role check), or null: for tests and diagnostics.</summary>
    public ITurnHandler? Match(Turn turn) => Find(turn).Handler;

    private (ITurnHandler? Handler, Turn Turn) Find(Turn turn)
    {
        if (turn.Verb is { } verb)
        {
            if (verb == RunVerb)
            {
                // A menu button runs its command as if typed; the command word comes from our own card, the
                // role check below still applies.
                var command = turn.Data.Get("command") ?? "";
                return Commands.ByCommand(command) is { } byMenu
                    ? (byMenu, turn with { Verb = null, Text = command, Arguments = "", Data = CardData.Empty })
                    : (null, turn);
            }

            return _byVerb.TryGetValue(verb, out var byVerb) ? (byVerb, turn) : (null, turn);
        }

        var text = Normalize(turn.Text);
        foreach (var (command, handler) in _byCommand)
        {
            if (text == command)
            {
                return (handler, turn with { Arguments = "" });
            }

            if (text.StartsWith(command, StringComparison.Ordinal) && IsWordBoundary(text, command.Length))
            {
                return (handler, turn with { Arguments = CommandText.FoldKeepCase(turn.Text)[command.Length..].Trim() });
            }
        }

        if (Commands.Match(turn.Text, turn.Roles) is { Handler: { } understood } match)
        {
            // Said another way ("查一下我的时长", "我要报名", "我的志愿纪录"): the command itself, without arguments.
            return (understood, turn with { Text = match.Command, Arguments = "" });
        }

        // A photo sent without a command word (text empty or just a caption) goes to the handler that takes attachments.
        if (turn.Attachments.Count > 0 && _byAttachment is not null)
        {
            return (_byAttachment, turn with { Arguments = turn.Text });
        }

        return (null, turn);
    }

    // Chinese commands may run straight into their arguments ("登记3小时"); Latin ones need a space.
    private static bool IsWordBoundary(string text, int at)
    {
        var next = text[at];
        var last = text[at - 1];
        return char.IsWhiteSpace(next) || last > 0x2E80 || !char.IsLetterOrDigit(next);
    }

    internal static string Normalize(string text) =>
        CommandText.Fold(text).TrimEnd('。', '.', '!', '?');
}
