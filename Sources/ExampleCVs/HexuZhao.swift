import CVModel

/// Hexu Zhao's CV written in the Swift DSL: the same profile as `Profiles/hexu-zhao.json`.
public let hexuZhao = Profile("Hexu Zhao") {
    Phone("+1 9296897240")
    Email("hz3496@nyu.edu")
    Summary("Aspiring and striving to become a skilled machine learning system researcher.")
    DateFormat(.numeric)
    AuthorsJoined(.commas)
    CitationOrderIs(.titleFirst)
    CVSection("Education") {
        Education(institution: "Courant Institute, New York University", location: "New York, USA", degree: "Ph.D in ML system", dates: .from(.year(2023), to: .present)) {
            Line("Advised by Prof. Jinyang Li and Prof. Aurojit Panda")
        }
        Education(institution: "Honored Yao Class, Tsinghua University", location: "Beijing, China", degree: "Bachelor of Computer Science", dates: .from(.year(2019), to: .year(2023)))
    }
    CVSection("Publications") {
        Publication(title: "On Optimizing the Communication of Model Parallelism", authors: ["Yonghao Zhuang", "Hexu Zhao", "Lianmin Zheng", "Zhuohan Li", "Eric P. Xing", "Qirong Ho", "Joseph E. Gonzalez", "Ion Stoica", "Hao Zhang"], coFirst: 2, venue: "MLSys2023", kind: .conference, dates: .on(.year(2023)))
        Publication(title: "Fully Hyperbolic Neural Networks", authors: ["Weize Chen", "Xu Han", "Yankai Lin", "Hexu Zhao", "Zhiyuan Liu", "Peng Li", "Maosong Sun", "Jie Zhou"], venue: "ACL2022", kind: .conference, dates: .on(.year(2022)))
        Publication(title: "Development of a Doctor-in-the-loop Interpretation Framework for Insulin Titration in Diabetes: a Proof-of-concept Study", authors: ["Haowei He", "Zhen Ying", "Biao Li", "Yujuan Fan", "Ping Wang", "Jiaping Lu", "Liming Wu", "Hexu Zhao", "Xiaoying Li", "Yang Yuan", "Ying Chen"], coFirst: 2, venue: "The Lancet Diabetes & Endocrinology Journal", kind: .journal, status: .submitted)
    }
    CVSection("Research Experience") {
        Experience(organization: "MBZUAI", role: "Research Assistant", dates: .from(.month(2022, 2), to: .month(2022, 10))) {
            Line("Advised by Prof. Eric Xing and Prof. Hao Zhang and Lianmin Zheng")
            "Contributed to the Distributed Machine Learning System Alpa Project."
            "Develop an improved approach for cross-mesh resharding communication pattern in distributed machine learning, achieving up to a 10x speed increase; For GPT-3 and U-Transformer end-to-end training, we improve throughput by 10% and 50%, respectively. It's accepted by MLSys2023."
        }
        Experience(organization: "Shanghai Andrew Yao Research Institute", role: "Research Intern", dates: .from(.month(2021, 2), to: .month(2021, 11))) {
            Line("Advised by Prof. Yang Yuan")
            "Participated in a Diabetes Management Project, leveraging AI to determine insulin dosage."
            "I worked on the entire AI healthcare development cycle: conducting needs assessments in hospital, preprocessing data, model design and training, model deployment and etc."
        }
        Experience(organization: "Tsinghua NLP Lab", role: "Research Intern", dates: .from(.month(2020, 10), to: .month(2021, 2))) {
            Line("Advised by Prof. Zhiyuan Liu")
            "Developed a system for the distributed training of knowledge graph embeddings, leveraging Megatron-LM's communication primitives."
            "Participated in a hyperbolic neural network project, applied its hyperbolic algorithm on common knowledge graph embedding models. It's accepted by ACL2022."
        }
    }
    CVSection("Engineering Experience") {
        Experience(organization: "Polyhedra", role: "Engineering intern", dates: .from(.month(2023, 2), to: .month(2023, 8))) {
            "Implemented Zero-Knowledge Proof(ZKP) protocol."
            "Accelerated computation primitives in ZKP, including speed up NTT with GPU."
        }
        Experience(organization: "Haihua Research Institute", role: "Engineering intern", dates: .from(.month(2020, 6), to: .month(2020, 9))) {
            Line("Participated in AI+healthcare startup Qianfang Medical led by Prof. Yang Yuan.")
            "Code with Scala and learned engineering skills: Type-Safe, OOP/FP, microservices(Akka) and etc."
        }
    }
    CVSection("Other Selected Experience") {
        Item("China National Olympiad of Informatics Gold Medalist", dates: .on(.month(2018, 8))) {
            "I taught myself and became the first Gold Medalist in any Olympiad competition in history of Zibo City, after navigating through numerous challenges. This is what I'm most proud of in my past; but I don't wish for it to be my pride in the future."
        }
        Item("Teaching Olympiad of Informatics", dates: .from(.year(2018), to: .year(2022))) {
            "Taught over 2000 senior high school students algorithms and data structures for the Olympiad of Informatics."
        }
        Item("TA for Type-Safe Front-end and Back-end System at Tsinghua University", dates: .from(.month(2022, 7), to: .month(2022, 8)))
        Item("AI-track Investment Analyst Intern at ZhenFund Venture Capital", dates: .from(.month(2021, 6), to: .month(2021, 9)))
        Item("Outstanding Scholarship for Social Works at Tsinghua University", dates: .from(.year(2020), to: .year(2022))) {
            "2019 Yao Class Monitor, Student Adviser of the 2022 Yao Class and etc."
        }
    }
    CVSection("Academic Referees") {
        Referee(name: "Prof. Jinyang Li", email: "jinyang@cs.nyu.edu")
        Referee(name: "Prof. Aurojit Panda", email: "apanda@cs.nyu.edu")
        Referee(name: "Prof. Hao Zhang", email: "haozhang@ucsd.edu")
    }
}
