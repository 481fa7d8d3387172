export default function Home() {
  return <main className="p-8">述职评议会 · Debrief Console</main>;
}
