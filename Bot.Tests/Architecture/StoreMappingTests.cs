using System.Reflection;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Tests.Architecture;

/// <summary>
/// One mapper per entity (issue 15): how a domain type becomes a table row and back lives in an <c>&lt;Entity&gt;Entities</c>
/// class beside its store (see <c>ServiceRecordEntities</c>), not in private helpers of the store. A store, archive, log
/// or registry in VolunteerBot.Storage that declares a private static method returning a <see cref="TableEntity"/>, or
/// taking one and returning one of our types, has grown a mapping of its own again.
/// </summary>
public sealed class StoreMappingTests
{
    private static readonly Assembly Host = typeof(StorageAccount).Assembly;

    [Fact]
    public void StorageClasses_PrivateStaticMethods_DoNotMapEntities()
    {
        var offenders = (
            from type in Host.GetTypes()
            where IsStorageClass(type)
            from method in type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            where method.IsPrivate && Maps(method)
            select $"{type.FullName}.{method.Name}").ToList();

        Assert.True(offenders.Count == 0,
            "Move these into the entity's <Entity>Entities mapper beside the store: " + string.Join(", ", offenders));
    }

    [Fact]
    public void StorageClasses_Checked_IncludeTheStoresThatMovedTheirMapping()
    {
        // The rule above is only as good as the set it looks at: it must see the stores whose mapping moved out.
        var names = Host.GetTypes().Where(IsStorageClass).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "SignUpTableStore", "VolunteerTableStore", "ProjectTableStore", "CheckInTableStore", "OutboxStore",
            "ReminderDeliveryStore", "BlobPhotoArchive", "CertificateLog", "SenderRegistry",
        }, names);
    }

    private static bool IsStorageClass(Type type) =>
        type is { IsClass: true, IsNested: false, Namespace: { } ns }
        && (ns == "VolunteerBot.Storage" || ns.StartsWith("VolunteerBot.Storage.", StringComparison.Ordinal))
        && !type.Name.EndsWith("Entities", StringComparison.Ordinal)
        && (type.Name.EndsWith("Store", StringComparison.Ordinal) || type.Name is "BlobPhotoArchive" or "CertificateLog" or "SenderRegistry");

    private static bool Maps(MethodInfo method) =>
        method.ReturnType == typeof(TableEntity)
        || (method.GetParameters().Any(p => p.ParameterType == typeof(TableEntity)) && IsOurs(method.ReturnType));

    /// <summary>A type we define (Bot or Bot.Dialogs), or a generic, array or nullable of one.</summary>
    private static bool IsOurs(Type type) =>
        type.Assembly.GetName().Name is { } name && name.StartsWith("VolunteerBot", StringComparison.Ordinal)
        || (type.HasElementType && IsOurs(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(IsOurs));
}
