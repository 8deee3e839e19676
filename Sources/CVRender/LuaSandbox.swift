/// The Lua that a lualatex document runs first: it confines Lua's `io`, `os` and `lfs` file
/// functions to what the TeX run may touch (`CVBUILD_TEX_READABLE` and `CVBUILD_TEX_WRITABLE`,
/// set by cvbuild's driver; relative paths are the run's own folder), and removes the functions
/// that run programs, load C code or reach into other functions' upvalues. It is the second line
/// behind Landlock, and does nothing when the document is typeset outside cvbuild.
///
/// It is written for `\directlua`: one line of Lua without `%`, `#`, `~`, backslashes or comments.
enum LuaSandbox {
    static let source = """
    do
      local writable_env = os.getenv("CVBUILD_TEX_WRITABLE")
      if writable_env then
        local o = {open = io.open, lines = io.lines, input = io.input, output = io.output, remove = os.remove,
          rename = os.rename, mkdir = lfs.mkdir, rmdir = lfs.rmdir, touch = lfs.touch, attributes = lfs.attributes,
          loadfile = loadfile, dofile = dofile}
        local function list(v) local t = {} for p in string.gmatch(v or "", "[^:]+") do table.insert(t, p) end return t end
        local writable = list(writable_env)
        local readable = list(os.getenv("CVBUILD_TEX_READABLE"))
        local function under(path, roots)
          if type(path) == "string" then else return false end
          if string.find(path, "..", 1, true) then return false end
          if string.sub(path, 1, 1) == "/" then else return true end
          for _, r in ipairs(roots) do
            if path == r or string.sub(path, 1, string.len(r) + 1) == r .. "/" then return true end
          end
          return false
        end
        local function may_read(p) return under(p, readable) or under(p, writable) end
        local function writes(m) return type(m) == "string" and (string.find(m, "w", 1, true) or string.find(m, "a", 1, true) or string.find(m, "+", 1, true)) and true or false end
        local function refused(p) return nil, "cvbuild: " .. tostring(p) .. ": outside this TeX run" end
        io.open = function(p, m) if writes(m) then if under(p, writable) then return o.open(p, m) end elseif may_read(p) then return o.open(p, m) end return refused(p) end
        io.lines = function(p, ...) if p == nil or may_read(p) then return o.lines(p, ...) end error("cvbuild: " .. tostring(p) .. ": outside this TeX run") end
        io.input = function(f) if type(f) == "string" and not may_read(f) then error("cvbuild: " .. f .. ": outside this TeX run") end return o.input(f) end
        io.output = function(f) if type(f) == "string" and not under(f, writable) then error("cvbuild: " .. f .. ": outside this TeX run") end return o.output(f) end
        os.remove = function(p) if under(p, writable) then return o.remove(p) end return refused(p) end
        os.rename = function(a, b) if under(a, writable) and under(b, writable) then return o.rename(a, b) end return refused(a) end
        lfs.mkdir = function(p) if under(p, writable) then return o.mkdir(p) end if o.attributes(p, "mode") == "directory" then return nil, "File exists" end return refused(p) end
        lfs.rmdir = function(p) if under(p, writable) then return o.rmdir(p) end return refused(p) end
        lfs.touch = function(p, ...) if under(p, writable) then return o.touch(p, ...) end return refused(p) end
        loadfile = function(p, ...) if p == nil or may_read(p) then return o.loadfile(p, ...) end return refused(p) end
        dofile = function(p) if p == nil or may_read(p) then return o.dofile(p) end error("cvbuild: " .. tostring(p) .. ": outside this TeX run") end
        os.execute = nil os.exec = nil os.spawn = nil io.popen = nil os.setenv = nil os.tmpname = nil os.kpsepopen = nil
        lfs.chdir = nil lfs.link = nil lfs.lock_dir = nil package.loadlib = nil
        if debug then debug.getupvalue = nil debug.setupvalue = nil debug.upvaluejoin = nil debug.upvalueid = nil
          debug.getlocal = nil debug.setlocal = nil debug.sethook = nil debug.getregistry = nil debug.setmetatable = nil end
      end
    end
    """.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")

    /// The line that runs it.
    static var line: String { "\\directlua{\(source)}" }
}
