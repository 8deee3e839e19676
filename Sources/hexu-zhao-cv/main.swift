import CVBuildCLI
import ExampleCVs

// A CV written in Swift, built by the same command line as `cvbuild`:
//   swift run hexu-zhao-cv build --style full --out build
CommandLineTool.main(builtInProfiles: [.value(hexuZhao, stem: "hexu-zhao")])
