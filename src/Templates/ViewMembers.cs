using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;

namespace Paperboy.Templates;

/// <summary>
/// What Scriban learns by reflection about a view type, learnt once per type and shared by every render.
/// </summary>
/// <remarks>
/// Scriban caches member accessors per <see cref="Scriban.TemplateContext"/>, and a fresh context per render (which
/// the rendering needs: contexts hold state) meant reflecting over every view type, and renaming each member to
/// snake_case, again for every digest. Only Paperboy's own view types are shared here: they are immutable records
/// read with Scriban's default member filter and renamer, so one accessor serves every context and thread.
/// </remarks>
internal static class ViewMembers
{
    private static readonly ConcurrentDictionary<Type, TypedObjectAccessor> Accessors = new();
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Globals = new();

    /// <summary>The shared accessor for one of Paperboy's view objects, or null for anything else (Scriban decides).</summary>
    public static IObjectAccessor? Accessor(object target)
    {
        Type type = target.GetType();
        return IsView(type) ? Accessors.GetOrAdd(type, t => new TypedObjectAccessor(t, null, StandardMemberRenamer.Default)) : null;
    }

    /// <summary>The model's public fields and properties as template globals, as Scriban's <c>Import</c> names them.</summary>
    public static ScriptObject Import(object model)
    {
        Type type = model.GetType();
        if (!IsView(type))
        {
            var imported = new ScriptObject();
            imported.Import(model);
            return imported;
        }

        (string Name, Func<object, object?> Get)[] members = Globals.GetOrAdd(type, MembersOf);
        var globals = new ScriptObject(members.Length + 1);
        foreach ((string name, Func<object, object?> get) in members)
        {
            globals.SetValue(name, get(model), readOnly: false);
        }

        return globals;
    }

    private static bool IsView(Type type) =>
        type.Assembly == typeof(ViewMembers).Assembly && !typeof(IScriptObject).IsAssignableFrom(type) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static (string Name, Func<object, object?> Get)[] MembersOf(Type type)
    {
        IEnumerable<(string, Func<object, object?>)> fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Select(f => (StandardMemberRenamer.Default(f), (Func<object, object?>)f.GetValue));
        IEnumerable<(string, Func<object, object?>)> properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
            .Select(p => (StandardMemberRenamer.Default(p), (Func<object, object?>)p.GetValue));
        return [.. fields.Concat(properties)];
    }
}
