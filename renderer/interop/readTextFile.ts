/** Reads a picked file as text after checking its size, so a huge file is refused before it is loaded. */
export async function readTextFile(file: File, maxChars: number, what: string): Promise<string> {
  // UTF-8 takes at least one byte a character: a file within maxChars * 4 bytes may still be too long, which the
  // parsers check again on the text.
  if (file.size > maxChars * 4) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB; a ${what} may be at most ${(maxChars / 1048576).toFixed(0)} MB.`);
  return file.text();
}

/** Offers text as a download (the browser and the desktop shell both save it through the download prompt). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
