using System.Reflection;
using NetArchTest.Rules;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Storage;

namespace VolunteerBot.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/DESIGN.md, checked on the compiled IL (method bodies included), so a leak fails here
/// whatever file it is written in:
/// Domain uses only the BCL; Cards use Domain, Localization and the turn contract (Conversation) only; Handlers use no
/// HTTP and no Azure, and build no card (they pass on one a card builder made); nothing in Bot.Dialogs references
/// ASP.NET Core or Azure; Channel knows no store implementation; only Bot/Storage touches the Azure Storage SDK.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Dialogs = typeof(AdaptiveCard).Assembly;
    private static readonly Assembly Host = typeof(StorageAccount).Assembly;

    private const string Root = "VolunteerBot.Dialogs";

    /// <summary>The Azure Storage SDK: tables, queues, blobs and the Azure.Core types their calls throw and return.</summary>
    private static readonly string[] AzureStorage =
        ["Azure.Data.Tables", "Azure.Storage", "Azure.RequestFailedException", "Azure.ETag", "Azure.Response", "Azure.Pageable", "Azure.AsyncPageable", "Azure.Page"];

    /// <summary>What the compiler emits for collection expressions and spans of constants.</summary>
    private static readonly string[] CompilerGenerated = ["<PrivateImplementationDetails>", "Microsoft.CodeAnalysis"];

    /// <summary>A user's language (zh-CN or en-US) is a plain value the domain records; the rest of Localization is not for Domain.</summary>
    private const string LanguageValue = Root + ".Localization.Language";

    /// <summary>
    /// Leaks that exist today and are owed a fix (issue 15). A type listed here that no longer leaks fails the test, so the
    /// list only shrinks; a type not listed here that leaks fails it too.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownDebt = new(StringComparer.Ordinal);

    [Fact]
    public void Domain_AnyType_UsesOnlyTheBcl()
    {
        // Written as "no dependency on anything else we or our packages define" rather than OnlyHaveDependenciesOn:
        // NetArchTest 1.3.2's OnlyHaveDependenciesOn reported DashboardScope and ProjectFinder although they name
        // only BCL and Domain types (checked on their IL with Mono.Cecil).
        var outside = Dialogs.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal) && !n.StartsWith(Root + ".Domain", StringComparison.Ordinal) && n != Root + ".Localization")
            .Distinct(StringComparer.Ordinal)
            .Concat(Dialogs.GetTypes().Where(t => t.Namespace == Root + ".Localization" && t.FullName != LanguageValue && !t.IsNested).Select(t => t.FullName!))
            .Concat(Dialogs.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !IsBcl(n)))
            .Concat(["Microsoft", "Azure", "VolunteerBot.Storage", "VolunteerBot.Channel"])
            .ToArray();
        var result = Types.InAssembly(Dialogs).That().ResideInNamespaceStartingWith(Root + ".Domain")
            .ShouldNot().HaveDependencyOnAny(outside).GetResult();

        AssertNoLeaks(result, Caller());
    }

    [Fact]
    public void Cards_AnyType_UseDomainLocalizationAndTheTurnOnly()
    {
        var result = Types.InAssembly(Dialogs).That().ResideInNamespaceStartingWith(Root + ".Cards")
            .Should().OnlyHaveDependenciesOn(["System", Root + ".Cards", Root + ".Domain", Root + ".Localization", Root + ".Conversation", .. CompilerGenerated])
            .GetResult();

        AssertNoLeaks(result, Caller());
    }

    [Fact]
    public void Handlers_AnyType_UseNoHttpAndNoAzure()
    {
        var result = Types.InAssembly(Dialogs).That().ResideInNamespaceStartingWith(Root + ".Handlers")
            .ShouldNot().HaveDependencyOnAny("Azure", "Microsoft.AspNetCore", "System.Net.Http", "VolunteerBot.Storage", "VolunteerBot.Channel")
            .GetResult();

        AssertNoLeaks(result, Caller());
    }

    /// <summary>
    /// Cards only in Cards/: a handler gathers data and hands it to a card builder; it does not put card elements
    /// (<see cref="El"/>) or actions (<see cref="Act"/>) together itself, and it does not construct or compose an
    /// <see cref="AdaptiveCard"/> (no constructor, no Title/Text/Add/Action/Refresh on it).
    /// A handler may still hold a card as a value: it receives one from a builder and passes it to
    /// <see cref="VolunteerBot.Dialogs.Conversation.TurnResult"/> or a notification. NetArchTest's dependency rules
    /// cannot tell "names the type" from "calls its members" (the builders live in the same namespace as the card
    /// type), so the second half is a custom rule over the IL: no call to any member of the card type.
    /// </summary>
    [Fact]
    public void Handlers_AnyType_BuildNoCardElements()
    {
        var handlers = Types.InAssembly(Dialogs).That().ResideInNamespaceStartingWith(Root + ".Handlers");
        var elements = handlers.ShouldNot().HaveDependencyOnAny(typeof(El).FullName!, typeof(Act).FullName!).GetResult();
        var composing = Types.InAssembly(Dialogs).That().ResideInNamespaceStartingWith(Root + ".Handlers")
            .Should().MeetCustomRule(new CallsNoMemberOf(typeof(AdaptiveCard).FullName!)).GetResult();

        AssertNoLeaks([.. elements.FailingTypeNames ?? [], .. composing.FailingTypeNames ?? []], Caller());
    }

    /// <summary>Fails a type (or any type nested in it) whose method bodies call a constructor or member of the named type.</summary>
    private sealed class CallsNoMemberOf(string typeFullName) : ICustomRule
    {
        public bool MeetsRule(Mono.Cecil.TypeDefinition type) =>
            !type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
                .Any(i => i.Operand is Mono.Cecil.MethodReference called && called.DeclaringType.FullName == typeFullName)
            && type.NestedTypes.All(MeetsRule);
    }

    [Fact]
    public void DialogsAssembly_References_NoAspNetCoreAndNoAzure()
    {
        var leaks = Dialogs.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Azure", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void Channel_AnyType_KnowsNoStoreImplementation()
    {
        var implementations = Host.GetTypes()
            .Where(t => t.Namespace?.StartsWith("VolunteerBot.Storage", StringComparison.Ordinal) == true && !t.IsInterface && !t.IsNested)
            .Select(t => t.FullName!)
            .ToArray();
        var result = Types.InAssembly(Host).That().ResideInNamespaceStartingWith("VolunteerBot.Channel")
            .ShouldNot().HaveDependencyOnAny(implementations).GetResult();

        AssertNoLeaks(result, Caller());
    }

    [Fact]
    public void AzureStorageSdk_OutsideBotStorage_IsNotUsed()
    {
        var result = Types.InAssembly(Host).That().DoNotResideInNamespaceStartingWith("VolunteerBot.Storage")
            .ShouldNot().HaveDependencyOnAny(AzureStorage).GetResult();

        AssertNoLeaks(result, Caller());
    }

    private static bool IsBcl(string assembly) =>
        assembly is "netstandard" or "mscorlib" || assembly.StartsWith("System", StringComparison.Ordinal);

    private static string Caller([System.Runtime.CompilerServices.CallerMemberName] string name = "") => name;

    private static void AssertNoLeaks(TestResult result, string rule) => AssertNoLeaks(result.FailingTypeNames ?? [], rule);

    private static void AssertNoLeaks(IEnumerable<string> failingTypeNames, string rule)
    {
        var debt = KnownDebt.GetValueOrDefault(rule, []);
        var found = failingTypeNames.Select(TopLevel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var leaks = found.Except(debt, StringComparer.Ordinal).ToList();
        var repaid = debt.Except(found, StringComparer.Ordinal).ToList();
        Assert.True(leaks.Count == 0, "Dependency leaks (see docs/DESIGN.md, Layout):\n  " + string.Join("\n  ", leaks));
        Assert.True(repaid.Count == 0, "No longer leaking: remove from KnownDebt:\n  " + string.Join("\n  ", repaid));
    }

    // Lambdas, iterators and async state machines are nested types: report the type the code was written in.
    private static string TopLevel(string name)
    {
        var cut = name.IndexOfAny(['/', '+']);
        return cut < 0 ? name : name[..cut];
    }
}
