// pprof's name-shortening rules (graph.ShortenFunctionName), used for node labels.
const javaRe = /^(?:[a-z]\w*\.)*([A-Z][\w$]*\.(?:<init>|[a-z][\w$]*(?:\$\d+)?))(?:(?:\()|$)/;
const goRe = /^(?:[\w\-.]+\/)+(.+)/;
const goVerRe = /^(.*?)\/v(?:[2-9]|[1-9][0-9]+)([./].*)$/;
const cppRe = /^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)/;
const cppAnonymousPrefixRe = /^\(anonymous namespace\)::/;

/** Drops package paths (Go), packages and arguments (Java) and namespaces (C++). */
export function shortenFunctionName(f: string): string {
  f = f.replace(cppAnonymousPrefixRe, '');
  f = f.replace(goVerRe, '$1$2');
  for (const re of [goRe, javaRe, cppRe]) {
    const m = re.exec(f);
    if (m && m.length >= 2) return m.slice(1).join('');
  }
  return f;
}
